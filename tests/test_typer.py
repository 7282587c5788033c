"""The trained name typer: it loads, it is deterministic, it types names in new text, and
its artefact is what the training script makes from the training data."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources as ir
from pathlib import Path

import pytest

from rashomon.understand.ner import candidates, find_names
from rashomon.understand.nlp import pipeline
from rashomon.understand.typer import LABELS, WEAK_RULES, doc_context, features, model

ROOT = Path(__file__).resolve().parents[1]


def _doc(text: str):
    nlp = pipeline()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in ("sentencizer", "rashomon_sentences"):
            doc = proc(doc)
    return doc


def _names(text: str, typer: bool = True) -> list[tuple[str, str]]:
    return [(n.text, n.label) for n in find_names(_doc(text), text, typer=typer)]


def _trainer():
    spec = importlib.util.spec_from_file_location("train_typer", ROOT / "train" / "train_typer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_model_loads_with_every_label() -> None:
    m = model()
    assert len(m.weights) > 500
    assert {lab for row in m.weights.values() for lab in row} == set(LABELS)
    meta = json.loads(ir.files("rashomon").joinpath("data/typer.json").read_text("utf-8"))["meta"]
    assert meta["articles"] >= 25 and meta["labels"] == list(LABELS)


def test_typer_retypes_a_company_the_rules_took_for_a_person() -> None:
    text = ("Shares in Velmora Dynamics fell 6 percent on Monday after the company cut its "
            "forecast. Velmora Dynamics said demand from airlines had slowed.")
    assert _names(text, typer=False)[0] == ("Velmora Dynamics", "PERSON")
    assert ("Velmora Dynamics", "ORG") in _names(text)


@pytest.mark.parametrize("text, expected", [
    ("Striker Obafemi Adeyemi scored twice. Adeyemi said he was proud.",
     {("Obafemi Adeyemi", "PERSON"), ("Adeyemi", "PERSON")}),
    ("Crews at the Mwanza Port Authority in Mwanza worked overnight, said Halima Mrisho.",
     {("Mwanza Port Authority", "ORG"), ("Mwanza", "GPE"), ("Halima Mrisho", "PERSON")}),
    ("Flights from Kotoka International Airport resumed, Ghana Airports Company said.",
     {("Kotoka International Airport", "FAC"), ("Ghana Airports Company", "ORG")}),
])
def test_names_in_new_sentences(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= set(_names(text))


def test_mentions_of_one_name_agree() -> None:
    text = ("Talks were held at Borvik. Officials from Borvik Mining and Qaderi Logistics "
            "signed the deal, and Qaderi Logistics said work would start in June.")
    labels = {label for name, label in _names(text) if name == "Qaderi Logistics"}
    assert labels == {"ORG"}


def test_same_text_same_types_and_features() -> None:
    text = ("Rescuers reached Tarsuni on Friday. Amina Odhiambo, a nurse, said the Tarsuni "
            "clinic had run out of water, and the Kenya Red Cross sent trucks from Kisumu.")
    assert _names(text) == _names(text)
    doc = _doc(text)
    names, toks = candidates(doc, text)
    ctx = doc_context(names, toks)
    first = [features(n, toks, text, ctx) for n in names]
    assert first == [features(n, toks, text, ctx) for n in names]
    assert all(isinstance(f, str) for feats in first for f in feats)


def test_trusted_rules_are_not_overruled() -> None:
    # a title and a gazetteer country decide; the typer only revises default guesses
    assert not WEAK_RULES & {"titled", "gpe", "norp", "loc", "org_head", "fac_head"}
    assert set(_names("Gen. Tamba Koroma flew to Sierra Leone.")) == {
        ("Tamba Koroma", "PERSON"), ("Sierra Leone", "GPE")}


def test_training_is_deterministic_on_a_slice() -> None:
    trainer = _trainer()
    docs = trainer.load_docs(trainer.DATA)[:4]
    data = trainer.examples(docs)
    first = trainer.artefact(docs, trainer.train(data, iters=40), len(data))
    second = trainer.artefact(docs, trainer.train(data, iters=40), len(data))
    assert first == second
    assert json.loads(first)["meta"]["examples"] == len(data)


def test_artefact_is_reproduced_by_the_training_script() -> None:
    """Retraining on train/data/understand gives the shipped artefact byte for byte."""
    out = ROOT / "src" / "rashomon" / "data" / "typer.json"
    assert _trainer().main(["--check", "--out", str(out)]) == 0
