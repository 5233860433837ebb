"""The readers' public surface."""

from __future__ import annotations

import riskmodel.readers


class TestAll:
    def test_sorted(self) -> None:
        """__all__ is sorted."""
        assert riskmodel.readers.__all__ == sorted(riskmodel.readers.__all__)

    def test_every_name_imports(self) -> None:
        """Every name in __all__ exists."""
        for name in riskmodel.readers.__all__:
            assert getattr(riskmodel.readers, name) is not None

    def test_model_does_not_import_readers(self) -> None:
        """The model modules never import the readers or the CLI (frames reads as they do)."""
        from pathlib import Path

        package = Path(riskmodel.readers.__file__).parents[1]
        for module in package.glob("*.py"):
            text = module.read_text("utf-8")
            if module.name in {"cli.py", "__main__.py", "frames.py"}:
                continue
            assert "riskmodel.readers" not in text, module.name
        for module in (package / "readers").glob("*.py"):
            assert "riskmodel.cli" not in module.read_text("utf-8"), module.name
