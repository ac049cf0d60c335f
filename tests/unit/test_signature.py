"""Signatures checked as `ametid verify` checks them: digests, certificate, signature value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ametid.directive.signature import check_signature
from support.signing import SIGNER, SIGNING_TIME, signature_xml, signing_key

FILES = {"kaskkiri-1.pdf": b"%PDF-1.7 the directive", "lisa 1.pdf": b"%PDF-1.7 an annex"}


def test_a_signature_as_digidoc_writes_it_is_valid() -> None:
    key, certificate = signing_key()
    check = check_signature(
        "META-INF/signatures0.xml", signature_xml(FILES, key, certificate), FILES
    )
    assert check.problems == []
    assert (check.signer, check.signing_time) == (SIGNER, SIGNING_TIME)
    assert check.signed_files == list(FILES)


def test_a_changed_file_is_named() -> None:
    key, certificate = signing_key()
    xml = signature_xml(FILES, key, certificate)
    changed = {**FILES, "lisa 1.pdf": b"%PDF-1.7 another annex"}
    check = check_signature("META-INF/signatures0.xml", xml, changed)
    assert check.problems == ["lisa 1.pdf is not the file that was signed: its digest differs"]


def test_a_file_added_after_signing_is_not_signed() -> None:
    key, certificate = signing_key()
    xml = signature_xml(FILES, key, certificate)
    check = check_signature("META-INF/signatures0.xml", xml, {**FILES, "lisa-2.pdf": b"x"})
    assert check.problems == ["lisa-2.pdf is not signed by it"]


def test_another_key_does_not_verify() -> None:
    _key, certificate = signing_key()
    other, _certificate = signing_key()
    xml = signature_xml(FILES, other, certificate)
    check = check_signature("META-INF/signatures0.xml", xml, FILES)
    assert check.problems == ["the signature value does not verify with the signer's certificate"]


def test_changed_signed_properties_are_found() -> None:
    key, certificate = signing_key()
    xml = signature_xml(FILES, key, certificate).replace(
        b"2026-06-01T10:00:00Z", b"2025-06-01T10:00:00Z"
    )
    check = check_signature("META-INF/signatures0.xml", xml, FILES)
    assert check.problems == ["its signed properties do not match their digest"]


def test_not_xml() -> None:
    check = check_signature("META-INF/signatures0.xml", b"<ds:Signature", FILES)
    assert [problem.split(":")[0] for problem in check.problems] == ["not well-formed XML"]


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_any_bytes_give_a_verdict_not_a_crash(data: bytes) -> None:
    check = check_signature("META-INF/signatures0.xml", data, FILES)
    assert not check.valid


@given(
    st.sampled_from(["DigestValue", "X509Certificate", "SignatureValue", "SigningTime"]),
    st.text(max_size=40),
)
@settings(max_examples=100, deadline=None)
def test_any_value_in_a_signature_gives_a_verdict(element: str, text: str) -> None:
    from xml.sax.saxutils import escape

    key, certificate = signing_key()
    xml = signature_xml(FILES, key, certificate).decode("utf-8")
    start = xml.index(f"{element}>") + len(element) + 1
    end = xml.index("</", start)
    changed = xml[:start] + escape(text) + xml[end:]
    check = check_signature("META-INF/signatures0.xml", changed.encode("utf-8"), FILES)
    assert check.valid == (changed == xml)
