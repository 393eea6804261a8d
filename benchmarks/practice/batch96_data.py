"""Data for the batch-96 cases (task-oriented dialogue language understanding): generated
assistant utterances over eight intents (book_flight, get_weather, play_music,
add_to_playlist, set_alarm, cancel_alarm, book_restaurant and an out-of-domain class) from
templates with slot fillers (cities, dates, times, artists, songs, genres, playlists,
cuisines, party sizes; many of them several words long), paraphrase noise (polite prefixes and
suffixes, some with a comma or question mark token) and typos (a letter swapped or dropped);
one BIO tag per whitespace token. A multi-intent set joins one or two requests ("... and
..."). Data seeds 9600 (single intent), 9601 (multi-intent); no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

INTENTS = ("book_flight", "get_weather", "play_music", "add_to_playlist", "set_alarm",
           "cancel_alarm", "book_restaurant", "out_of_domain")  # fmt: skip
SLOTS = ("from_city", "to_city", "city", "date", "time", "artist", "song", "genre", "playlist",
         "cuisine", "party_size")  # fmt: skip

CITIES = ("boston", "denver", "new york", "san francisco", "chicago", "seattle", "miami",
          "dallas", "los angeles", "atlanta", "paris", "london", "tokyo", "berlin", "madrid",
          "rome", "las vegas", "salt lake city", "toronto", "phoenix")  # fmt: skip
FILLERS = {
    "date": ("today", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday", "next friday", "this weekend", "next week", "on the fifth",
             "march third", "june tenth", "the day after tomorrow"),
    "time": ("7 am", "6:30", "noon", "midnight", "8 pm", "10:15", "half past seven",
             "5 in the morning", "9 tonight", "quarter to six", "11:45", "6 am"),
    "artist": ("the beatles", "adele", "taylor swift", "miles davis", "daft punk", "bob dylan",
               "radiohead", "queen", "drake", "norah jones", "the rolling stones", "beyonce",
               "john coltrane", "arctic monkeys"),
    "song": ("yesterday", "hello", "shake it off", "blue in green", "one more time",
             "like a rolling stone", "creep", "bohemian rhapsody", "hotline bling",
             "come away with me", "paint it black", "halo", "giant steps", "do i wanna know"),
    "genre": ("jazz", "rock", "hip hop", "classical", "pop", "blues", "country", "lo fi",
              "heavy metal", "reggae"),
    "playlist": ("workout", "chill vibes", "road trip", "my favorites", "dinner party",
                 "morning coffee", "study beats", "summer hits"),
    "cuisine": ("italian", "thai", "sushi", "mexican", "indian", "chinese", "vegan", "french",
                "korean barbecue", "greek"),
    "party_size": ("two", "three", "four", "five", "six", "2", "4", "8", "ten"),
}  # fmt: skip

TEMPLATES = {
    "book_flight": (
        "book a flight from {from_city} to {to_city} {date}",
        "i need a ticket to {to_city} from {from_city}",
        "find flights to {to_city} {date}",
        "fly me from {from_city} to {to_city}",
        "get me a plane ticket to {to_city} leaving {date}",
        "are there any flights from {from_city} to {to_city} on {date}",
        "i want to fly to {to_city} {date} from {from_city}",
        "cheapest flight from {from_city} to {to_city}"),
    "get_weather": (
        "what is the weather in {city} {date}",
        "will it rain in {city} {date}",
        "weather forecast for {city}",
        "is it going to be cold {date} in {city}",
        "how hot is it in {city}",
        "do i need an umbrella {date}",
        "what is the temperature in {city} at {time}",
        "will it snow {date}"),
    "play_music": (
        "play {song} by {artist}",
        "play some {genre}",
        "put on {artist}",
        "i want to hear {song}",
        "play {genre} music by {artist}",
        "start my {playlist} playlist",
        "play the song {song}",
        "shuffle songs by {artist}"),
    "add_to_playlist": (
        "add {song} to my {playlist} playlist",
        "put {song} by {artist} on {playlist}",
        "save this song to {playlist}",
        "add {artist} to the {playlist} list",
        "include {song} in {playlist}",
        "add some {genre} to my {playlist} playlist"),
    "set_alarm": (
        "set an alarm for {time}",
        "wake me up at {time} {date}",
        "alarm at {time}",
        "set my alarm to {time} {date}",
        "i need to get up at {time}",
        "create an alarm for {time} on {date}"),
    "cancel_alarm": (
        "cancel my alarm for {time}",
        "turn off the {time} alarm",
        "delete the alarm for {date}",
        "remove all my alarms",
        "stop the alarm at {time}",
        "i do not need the {time} alarm {date}"),
    "book_restaurant": (
        "book a table for {party_size} at an {cuisine} place in {city}",
        "reserve a {cuisine} restaurant for {party_size} {date}",
        "find me a table for {party_size} at {time}",
        "i want to eat {cuisine} food in {city} {date}",
        "make a reservation for {party_size} people at {time} {date}",
        "get a {cuisine} dinner for {party_size} in {city}"),
}  # fmt: skip
OOD_STARTS = ("tell me about", "what do you know about", "explain", "how do i fix",
              "can you tell me a joke about", "who invented", "what is the best way to learn",
              "show me pictures of", "how much does it cost to repair")  # fmt: skip
OOD_TOPICS = ("black holes", "the stock market", "my bank balance", "cooking pasta",
              "the moon landing", "quantum computers", "my printer", "the roman empire",
              "knitting", "chess openings", "cats", "the news", "my car", "taxes",
              "the meaning of life", "dinosaurs")  # fmt: skip
PREFIXES = ("please", "hey ,", "ok ,", "can you", "could you please", "hey assistant ,",
            "i would like to", "quick question ,")  # fmt: skip
SUFFIXES = ("please", "thanks", "now", "?", "for me", "thank you")


def _typo(rng: np.random.Generator, word: str) -> str:
    """A letter dropped or two neighbouring letters swapped (words of 4+ letters)."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = int(rng.integers(1, len(word) - 1))
    if rng.random() < 0.5:
        return word[:i] + word[i + 1:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def _fill(rng: np.random.Generator, template: str) -> tuple[list[str], list[str]]:
    tokens: list[str] = []
    tags: list[str] = []
    for part in template.split():
        if part.startswith("{"):
            slot = part[1:-1]
            pool = CITIES if slot.endswith("city") else FILLERS[slot]
            value = pool[int(rng.integers(len(pool)))].split()
            tokens += value
            tags += [f"B-{slot}"] + [f"I-{slot}"] * (len(value) - 1)
        else:
            tokens.append(part)
            tags.append("O")
    return tokens, tags


def _utterance(rng: np.random.Generator, intent: str, noise: bool = True
               ) -> tuple[list[str], list[str]]:  # fmt: skip
    if intent == "out_of_domain":
        text = (f"{OOD_STARTS[int(rng.integers(len(OOD_STARTS)))]} "
                f"{OOD_TOPICS[int(rng.integers(len(OOD_TOPICS)))]}")  # fmt: skip
        tokens, tags = text.split(), ["O"] * len(text.split())
    else:
        options = TEMPLATES[intent]
        tokens, tags = _fill(rng, options[int(rng.integers(len(options)))])
    if noise:
        if rng.random() < 0.4:
            prefix = PREFIXES[int(rng.integers(len(PREFIXES)))].split()
            tokens, tags = prefix + tokens, ["O"] * len(prefix) + tags
        if rng.random() < 0.3:
            suffix = SUFFIXES[int(rng.integers(len(SUFFIXES)))].split()
            tokens, tags = tokens + suffix, tags + ["O"] * len(suffix)
        tokens = [_typo(rng, t) if rng.random() < 0.04 else t for t in tokens]
    return tokens, tags


@cache
def single_intent(n_train: int = 2400, n_val: int = 600) -> tuple[list, list]:
    """Single-intent utterances (seed 9600), intents uniform over the eight (the
    out-of-domain class one in eight). Returns train, val: each a list of (tokens, tags,
    intent) with tokens / tags lists of strings (lower case, whitespace tokens, one BIO tag per
    token) and the intent a name."""
    rng = np.random.default_rng(9600)
    rows = []
    for _ in range(n_train + n_val):
        intent = INTENTS[int(rng.integers(len(INTENTS)))]
        tokens, tags = _utterance(rng, intent)
        rows.append((tokens, tags, intent))
    return rows[:n_train], rows[n_train:]


@cache
def multi_intent(n_train: int = 3000, n_val: int = 600) -> tuple[list, list]:
    """Multi-intent utterances (seed 9601): half one request, half two different in-domain
    requests joined by "and" / "and then" / ", also" (each request with its own noise).
    Returns train, val: lists of (text, intents) with the text a lower-case string of
    whitespace tokens and intents a tuple of one or two intent names."""
    rng = np.random.default_rng(9601)
    domain = INTENTS[:-1]
    rows = []
    for _ in range(n_train + n_val):
        if rng.random() < 0.5:
            intents: tuple[str, ...] = (domain[int(rng.integers(len(domain)))],)
            tokens = _utterance(rng, intents[0])[0]
        else:
            a, b = rng.choice(len(domain), size=2, replace=False)
            intents = (domain[int(a)], domain[int(b)])
            joint = ("and", "and then", ", also")[int(rng.integers(3))].split()
            tokens = _utterance(rng, intents[0])[0] + joint + _utterance(rng, intents[1])[0]
        rows.append((" ".join(tokens), intents))
    return rows[:n_train], rows[n_train:]
