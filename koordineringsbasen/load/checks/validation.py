"""Validate a parsed document against its model and explain errors in plain Danish."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ...model.common import PathKey, field_path
from ..problems import Problem
from ..yamlsource import YamlDocument, locate

MESSAGES = {
    "missing": "mangler; feltet skal udfyldes",
    "string_type": "skal være tekst",
    "int_type": "skal være et helt tal",
    "float_type": "skal være et tal",
    "bool_type": "skal være true eller false",
    "list_type": "skal være en liste (linjer der starter med '- ')",
    "dict_type": "skal være en blok med felter (nøgle: værdi)",
    "model_type": "skal være en blok med felter (nøgle: værdi)",
    "model_attributes_type": "skal være en blok med felter (nøgle: værdi)",
    "too_short": "skal have mindst {min_length} element(er)",
    "string_pattern_mismatch": "'{input}' har ikke det krævede format",
}
# The formats a pattern asks for, as a person writes them; another pattern is shown as it is.
FORMATS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "små bogstaver a-z, cifre og bindestreg, fx natko-raad-2025-03-11",
}


def _message(error: ErrorDetails, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    error_type = error["type"]
    ctx = error.get("ctx") or {}
    if error_type == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; mente du '{guess[0]}'?" if guess else f"; tilladte felter: {', '.join(allowed)}"
        return f"ukendt felt{hint}"
    if error_type == "enum":
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"'{error.get('input')}' er ikke tilladt; vælg en af: {expected}"
    if error_type in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "mindst" if error_type.startswith("greater") else "højst"
        return f"{error.get('input')} er uden for det tilladte område; skal være {word} {limit}"
    if error_type == "value_error":
        return str(ctx.get("error", error["msg"]))
    if error_type == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        expected = FORMATS.get(pattern, pattern)
        return f"'{error.get('input')}' har ikke det krævede format; skriv {expected}"
    if error_type in MESSAGES:
        return MESSAGES[error_type].format(input=error.get("input"), **ctx)
    return error["msg"]


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (nested) model at `loc`, for "did you mean" hints."""
    current: Any = model
    if _is_root_list(model):  # the glossary: a list of entries, not a block with 'root'
        current = _inner_model(model.model_fields["root"].annotation)
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}).keys())


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_document(
    model: type[BaseModel], doc: YamlDocument, rel: str
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate; on failure, return one located problem per error."""
    if not isinstance(doc.data, dict) and not _is_root_list(model):
        shape = "en liste" if isinstance(doc.data, list) else "en enkelt værdi"
        return None, [Problem(rel, 1, 1, "", f"filen er {shape}; den skal være en blok med felter")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = _data_path(error["loc"], doc.data)
            if error["type"] == "extra_forbidden":
                line, col = locate(doc.positions, (*loc, "__key__"))
            elif error["type"] == "missing":
                line, col = locate(doc.positions, loc[:-1])
            else:
                line, col = locate(doc.positions, loc)
            problems.append(
                Problem(rel, line, col, field_path(loc), _message(error, model, loc))
            )
        return None, problems


def _is_root_list(model: type[BaseModel]) -> bool:
    return "root" in model.model_fields


def _is_union_tag(part: Any) -> bool:
    # pydantic adds type names ('function-after[...]', 'str') to locations inside unions.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool"})


def _data_path(loc: tuple[Any, ...], data: Any) -> PathKey:
    """The error location as a path in the data; a key the file really has is never dropped,
    even when it looks like a union tag ('nav[', 'str')."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
        elif _is_union_tag(part):
            continue
        else:
            current = None
        path.append(part)
    return tuple(path)
