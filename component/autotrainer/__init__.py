"""autotrainer: train a Keras model under watch, detect training problems, repair them."""

__version__ = "0.1.0"
