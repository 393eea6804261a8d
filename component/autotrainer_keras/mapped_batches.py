"""A `keras.utils.PyDataset` whose batches are mapped as they are read (`fit_inputs.
batches_by_name`: inputs given by position read by the model's names). Apart from
`fit_inputs` so that it imports Keras only when a PyDataset is there to wrap."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras


class MappedBatches(keras.utils.PyDataset):
    """The batches of `data`, each passed through `mapped`; its length, batch count and
    epoch hook are `data`'s."""

    def __init__(self, data: keras.utils.PyDataset, mapped: Callable[[Any], Any]) -> None:
        super().__init__()
        self.data, self.mapped = data, mapped

    def __len__(self) -> int:
        return len(self.data)

    @property
    def num_batches(self) -> int | None:
        return self.data.num_batches

    def __getitem__(self, index: int) -> Any:
        return self.mapped(self.data[index])

    def on_epoch_end(self) -> None:
        self.data.on_epoch_end()
