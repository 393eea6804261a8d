"""The base of every config section: typed, frozen, unknown keys rejected."""

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A config section. Unknown keys are errors; values are validated on construction."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)
