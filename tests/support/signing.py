"""Signing a container as DigiDoc does, with a test certificate made here: no ID card, no network.

DigiDoc4 adds META-INF/signatures0.xml to the container: an asic:XAdESSignatures element with
one ds:Signature, whose SignedInfo names each file by its digest and the XAdES signed properties
(the signing time, the signing certificate's digest, each file's media type) by theirs,
canonicalised with C14N 1.1, and the ECDSA value over SignedInfo.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import shutil
import urllib.parse
import zipfile
from collections.abc import Mapping
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID
from lxml import etree

ASIC = "http://uri.etsi.org/02918/v1.2.1#"
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
C14N11 = "http://www.w3.org/2006/12/xml-c14n11"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SIGNER = "AMETID,TEST,38001010000"
SIGNING_TIME = "2026-06-01T10:00:00Z"


def signing_key(common_name: str = SIGNER) -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """A P-256 key and a self-signed certificate for it (DER), as an ID card holds."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return key, certificate.public_bytes(serialization.Encoding.DER)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _element(parent: etree._Element, namespace: str, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)


def _digest(parent: etree._Element, value: bytes) -> None:
    _element(parent, DS, "DigestMethod", Algorithm=SHA256)
    _element(parent, DS, "DigestValue").text = _b64(hashlib.sha256(value).digest())


def signature_xml(
    files: Mapping[str, bytes], key: ec.EllipticCurvePrivateKey, certificate: bytes
) -> bytes:
    """META-INF/signatures0.xml signing `files` (by name in the container) with `key`."""
    root = etree.Element(
        f"{{{ASIC}}}XAdESSignatures", nsmap={"asic": ASIC, "ds": DS, "xades": XADES}
    )
    signature = _element(root, DS, "Signature", Id="S0")
    signed_info = _element(signature, DS, "SignedInfo", Id="S0-SignedInfo")
    _element(signed_info, DS, "CanonicalizationMethod", Algorithm=C14N11)
    _element(signed_info, DS, "SignatureMethod", Algorithm=ECDSA_SHA256)
    for index, (name, data) in enumerate(files.items()):
        reference = _element(
            signed_info, DS, "Reference", Id=f"S0-RefId{index}", URI=urllib.parse.quote(name)
        )
        _digest(reference, data)
    value = _element(signature, DS, "SignatureValue", Id="S0-SIG")
    key_info = _element(signature, DS, "KeyInfo", Id="S0-KeyInfo")
    _element(_element(key_info, DS, "X509Data"), DS, "X509Certificate").text = _b64(certificate)
    qualifying = _element(
        _element(signature, DS, "Object", Id="S0-object-xades"),
        XADES,
        "QualifyingProperties",
        Id="S0-QualifyingProperties",
        Target="#S0",
    )
    properties = _element(qualifying, XADES, "SignedProperties", Id="S0-SignedProperties")
    signed = _element(
        properties, XADES, "SignedSignatureProperties", Id="S0-SignedSignatureProperties"
    )
    _element(signed, XADES, "SigningTime").text = SIGNING_TIME
    cert = _element(_element(signed, XADES, "SigningCertificateV2"), XADES, "Cert")
    _digest(_element(cert, XADES, "CertDigest"), certificate)
    objects = _element(properties, XADES, "SignedDataObjectProperties")
    for index in range(len(files)):
        data_format = _element(
            objects, XADES, "DataObjectFormat", ObjectReference=f"#S0-RefId{index}"
        )
        _element(data_format, XADES, "MimeType").text = "application/pdf"
    reference = _element(
        signed_info,
        DS,
        "Reference",
        Id=f"S0-RefId{len(files)}",
        Type="http://uri.etsi.org/01903#SignedProperties",
        URI="#S0-SignedProperties",
    )
    _element(_element(reference, DS, "Transforms"), DS, "Transform", Algorithm=C14N11)
    _digest(reference, etree.tostring(properties, method="c14n"))
    der = key.sign(etree.tostring(signed_info, method="c14n"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    value.text = _b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False))


def signed_copy(
    container: Path, target: Path, key: ec.EllipticCurvePrivateKey, certificate: bytes
) -> Path:
    """A copy of `container` signed with `key`, as DigiDoc4 would save it."""
    shutil.copyfile(container, target)
    with zipfile.ZipFile(container) as archive:
        files = {
            info.filename: archive.read(info)
            for info in archive.infolist()
            if info.filename != "mimetype" and not info.filename.startswith("META-INF/")
        }
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("META-INF/signatures0.xml", signature_xml(files, key, certificate))
    return target


def replaced_file(container: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of `container` with the file `name` holding `data` instead (signatures kept)."""
    with zipfile.ZipFile(container) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            copy.writestr(info, data if info.filename == name else source.read(info))
    return target
