"""The readers' public surface."""

from __future__ import annotations

import riskmodel.readers


def _isort_key(name: str) -> tuple[int, str]:
    """RUF022's order: CONSTANTS, then CamelCase classes, then everything else."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


class TestAll:
    def test_sorted(self) -> None:
        """__all__ is sorted as ruff's RUF022 sorts it, and has no repeats."""
        assert riskmodel.readers.__all__ == sorted(set(riskmodel.readers.__all__), key=_isort_key)

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
