"""Packaging details pyproject.toml cannot say: the case library and fonts ship as package data.

``scenarios/`` and ``assets/`` stay top-level folders of the checkout (trainers edit
them there); they are installed as the packages ``game.bundled.scenarios`` and
``game.bundled.assets``, so the game finds them with ``importlib.resources`` wherever it is
installed. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["game", "game.*", "scoring", "scoring.*"])
    + ["game.bundled.scenarios", "game.bundled.assets"],
    package_dir={"game.bundled.scenarios": "scenarios", "game.bundled.assets": "assets"},
)
