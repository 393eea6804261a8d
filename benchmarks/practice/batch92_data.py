"""Data for the batch-92 cases (symbolic music): generated songs in a random key (tonic 0..11,
major or harmonic minor) built from rule-based chord progressions, as 48-pitch piano rolls
(MIDI 36..83, one frame an eighth note: a bass root, a close-position triad, a stepwise
melody, a little noise), and monophonic melodies (scale runs, arpeggios, motif sequences,
rests) as note tokens with a duration (beats) and a velocity (MIDI 1..127) per note.
Data seeds 9200, 9201, 9202; no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

LOW = 36  # the piano roll's lowest MIDI pitch
N_PITCHES = 48  # MIDI 36..83
MEL_LOW = 48  # the melody tokens' lowest MIDI pitch (token 1); token 0 is a rest
N_TOKENS = 38  # rest + MIDI 48..84
MAJOR = np.array([0, 2, 4, 5, 7, 9, 11])
MINOR = np.array([0, 2, 3, 5, 7, 8, 11])  # harmonic minor (the raised leading tone)
PROGRESSIONS = {  # scale degrees (0 = I / i), each chord two beats (four frames)
    0: [[0, 3, 4, 0], [0, 5, 3, 4], [1, 4, 0, 0], [0, 4, 5, 3], [0, 3, 0, 4], [0, 5, 1, 4]],
    1: [[0, 3, 4, 0], [0, 5, 3, 4], [0, 3, 4, 4], [0, 5, 1, 4], [0, 4, 0, 4], [0, 3, 5, 4]],
}


def _pitch(tonic: int, mode: int, degree: int, base: int) -> int:
    """The MIDI pitch of a scale degree (any integer: 7 is the tonic an octave up) counted
    from the tonic at or above `base`."""
    scale = MINOR if mode else MAJOR
    octave, step = divmod(degree, 7)
    return base + (tonic - base) % 12 + 12 * octave + int(scale[step])


def _song_roll(rng: np.random.Generator, tonic: int, mode: int, n_frames: int) -> np.ndarray:
    """One song's piano roll (n_frames, 48) of 0 / 1: per chord (4 frames) the bass root in
    MIDI 36..47 (held), the triad in close position from MIDI 48 up (held), and a melody note
    per frame moving by -2..+2 scale degrees (MIDI 55..82), a chord tone on the chord's first
    frame; 3 % of frames gain a stray note, 3 % of held notes drop out."""
    roll = np.zeros((n_frames, N_PITCHES), dtype="float32")
    progression = PROGRESSIONS[mode][rng.integers(len(PROGRESSIONS[mode]))]
    melody = int(rng.integers(2, 7))  # degrees above the tonic at or above MIDI 55
    for start in range(0, n_frames, 4):
        chord = progression[(start // 4) % len(progression)]
        bass = _pitch(tonic, mode, chord, LOW)
        triad = [_pitch(tonic, mode, chord + k, 48) for k in (0, 2, 4)]
        for f in range(start, min(start + 4, n_frames)):
            for p in [bass, *triad]:
                if rng.random() > 0.03:
                    roll[f, p - LOW] = 1.0
            if f == start:
                options = [d for d in range(melody - 2, melody + 3)
                           if (d - chord) % 7 in (0, 2, 4)]  # fmt: skip
                melody = int(rng.choice(options))
            else:
                melody += int(rng.choice([-2, -1, -1, 0, 1, 1, 2]))
            melody = int(np.clip(melody, 0, 8))
            roll[f, _pitch(tonic, mode, melody, 55) - LOW] = 1.0
            if rng.random() < 0.03:
                roll[f, rng.integers(N_PITCHES)] = 1.0
    return np.clip(roll, 0.0, 1.0)


@cache
def songs(n_songs: int = 480, n_frames: int = 64) -> dict[str, np.ndarray]:
    """Piano-roll songs (seed 9200): rolls (n, 64, 48) 0 / 1, their velocities (n, 64, 48;
    MIDI 40..110 where a note sounds, 0 elsewhere; accents on each chord's first frame),
    tonic (0..11), mode (0 major, 1 minor) and key (tonic + 12 * mode, 24 classes). The first
    80 % of songs are for training, the rest for validation."""
    rng = np.random.default_rng(9200)
    rolls = np.empty((n_songs, n_frames, N_PITCHES), dtype="float32")
    tonic = rng.integers(0, 12, size=n_songs)
    mode = rng.integers(0, 2, size=n_songs)
    for i in range(n_songs):
        rolls[i] = _song_roll(rng, int(tonic[i]), int(mode[i]), n_frames)
    accent = np.where(np.arange(n_frames) % 4 == 0, 25.0, 0.0)[None, :, None]
    loud = rng.uniform(55.0, 85.0, size=(n_songs, 1, 1)) + accent
    velocity = np.clip(loud + rng.normal(0.0, 6.0, size=rolls.shape), 40, 110).round()
    return {"rolls": rolls, "velocity": (velocity * rolls).astype("float32"),
            "tonic": tonic, "mode": mode, "key": (tonic + 12 * mode).astype("int64")}


def train_songs() -> int:
    return int(0.8 * len(songs()["rolls"]))


def _melody(rng: np.random.Generator, tonic: int, mode: int, n_notes: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """One melody: phrases of scale runs (4..8 notes up or down, eighths), arpeggios (root,
    third, fifth, octave of a chord of the key, quarters) and a motif sequence (the last four
    notes again a degree higher or lower); a half note and often a rest end each phrase.
    Returns tokens (1 + MIDI - 48, 0 a rest), durations (beats) and velocities (1..127)."""
    pitches: list[int] = []
    durations: list[float] = []
    velocities: list[float] = []
    motif: list[int] = []
    motif_beats: list[float] = []
    degree = int(rng.integers(3, 10))
    base = rng.uniform(60.0, 90.0)
    while len(pitches) < n_notes:
        kind = rng.integers(3)
        if kind == 0 or len(pitches) < 4:
            step = 1 if rng.random() < 0.5 else -1
            notes = [degree + step * k for k in range(int(rng.integers(4, 9)))]
            beats = [0.5] * len(notes)
        elif kind == 1:
            root = int(rng.integers(0, 8))
            notes = [root, root + 2, root + 4, root + 7]
            if rng.random() < 0.5:
                notes = notes[::-1]
            beats = [1.0] * 4
        else:
            shift = 1 if rng.random() < 0.5 else -1
            notes = [d + shift for d in motif]
            beats = list(motif_beats)
        notes = [int(np.clip(d, 0, 14)) for d in notes]
        for k, (d, b) in enumerate(zip(notes, beats, strict=True)):
            pitches.append(_pitch(tonic, mode, d, 48) - MEL_LOW + 1)
            durations.append(b)
            velocities.append(base + (18.0 if k == 0 else 0.0) + 2.0 * k * (kind == 0))
        motif, motif_beats = notes[-4:], beats[-4:]
        degree = notes[-1]
        durations[-1] = 2.0
        if rng.random() < 0.5:
            pitches.append(0)
            durations.append(1.0)
            velocities.append(0.0)
        degree = int(np.clip(degree + rng.integers(-2, 3), 0, 14))
    v = np.clip(np.array(velocities) + rng.normal(0.0, 4.0, size=len(velocities)), 1, 127)
    v[np.array(pitches) == 0] = 0.0
    return (np.array(pitches[:n_notes]), np.array(durations[:n_notes], dtype="float32"),
            v[:n_notes].round().astype("float32"))  # fmt: skip


@cache
def melodies(n_songs: int = 400, n_notes: int = 96) -> dict[str, np.ndarray]:
    """Monophonic melodies (seed 9201): tokens (n, 96) int (0 a rest, 1..37 MIDI 48..84),
    durations (n, 96) in beats (0.5, 1, 2), velocities (n, 96) MIDI 0..127 (0 on rests),
    tonic and mode. The first 80 % of songs are for training, the rest for validation."""
    rng = np.random.default_rng(9201)
    tonic = rng.integers(0, 12, size=n_songs)
    mode = rng.integers(0, 2, size=n_songs)
    tokens = np.empty((n_songs, n_notes), dtype="int64")
    durations = np.empty((n_songs, n_notes), dtype="float32")
    velocities = np.empty((n_songs, n_notes), dtype="float32")
    for i in range(n_songs):
        tokens[i], durations[i], velocities[i] = _melody(rng, int(tonic[i]), int(mode[i]),
                                                         n_notes)  # fmt: skip
    return {"tokens": tokens, "durations": durations, "velocities": velocities,
            "tonic": tonic, "mode": mode}


def window_starts(n_items: int, length: int, step: int) -> np.ndarray:
    return np.arange(0, n_items - length, step)
