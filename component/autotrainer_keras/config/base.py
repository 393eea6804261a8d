"""The base of every config section: typed, frozen, unknown keys rejected."""

from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

NUMBER_TYPES = (int, float)


class Section(BaseModel):
    """A config section. Unknown keys are errors; values are validated on construction.

    A boolean is not a number here (`epochs: true` is an error, not 1 epoch), although
    pydantic's lax mode and Python itself treat it as one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) and info.field_name is not None:
            annotation = cls.model_fields[info.field_name].annotation
            types = get_args(annotation) or (annotation,)
            if bool not in types and any(t in NUMBER_TYPES for t in types):
                raise ValueError(f"expected a number, got the boolean {value!r}")
        return value
