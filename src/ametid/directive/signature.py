"""The XAdES signatures of an ASiC-E container, checked with lxml and cryptography.

A signature (META-INF/signatures0.xml, as DigiDoc writes it) holds the digest of every file it
signs and of its signed properties, in SignedInfo, and a signature value over SignedInfo made
with the signer's key, whose certificate it carries. Checked here: each digest against the file
(or the properties), the signing certificate's digest in the properties against the certificate,
and the value against SignedInfo with the certificate's public key. Whether the certificate
is to be trusted (the EU trust list, OCSP) needs the network and is not checked.
"""

from __future__ import annotations

import base64
import hashlib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ametid.core.language import gettext as _

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
NS = {"ds": DS, "xades": XADES}
SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
}
SIGNATURES = {
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": ("ecdsa", "sha256"),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": ("ecdsa", "sha384"),
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": ("ecdsa", "sha512"),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": ("rsa", "sha256"),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": ("rsa", "sha384"),
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": ("rsa", "sha512"),
}
# Inclusive canonical XML, 1.0 and 1.1: they differ only in how xml:id and xml:base are
# inherited by a subset, which XAdES signatures do not use; lxml writes 1.0.
C14N = {
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": False,
    "http://www.w3.org/2006/12/xml-c14n11": False,
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": True,
    "http://www.w3.org/2006/12/xml-c14n11#WithComments": True,
}
EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#"


@dataclass
class SignatureCheck:
    """What checking one signature found."""

    name: str  # its file in the container
    signer: str = ""
    signing_time: str = ""
    signed_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether every digest matches and the value verifies with the certificate."""
        return not self.problems


def _canonical(element: Any, algorithm: str) -> bytes:
    from lxml import etree

    if algorithm in C14N:
        return bytes(etree.tostring(element, method="c14n", with_comments=C14N[algorithm]))
    if algorithm == EXCLUSIVE:
        return bytes(etree.tostring(element, method="c14n", exclusive=True))
    raise ValueError(_("canonicalisation {algorithm} is not supported").format(algorithm=algorithm))


def _digest(algorithm: str, data: bytes) -> bytes:
    name = DIGESTS.get(algorithm)
    if name is None:
        message = _("digest method {algorithm} is not supported")
        raise ValueError(message.format(algorithm=algorithm))
    return hashlib.new(name, data).digest()


def _text(element: Any, path: str) -> str:
    found = element.find(path, NS)
    return "".join(found.itertext()).strip() if found is not None else ""


def _signer(certificate: Any) -> str:
    from cryptography.x509.oid import NameOID

    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def check_signature(name: str, xml: bytes, files: Mapping[str, bytes]) -> SignatureCheck:
    """Check one signature file of a container against the container's files."""
    from lxml import etree

    check = SignatureCheck(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        check.problems.append(_("not well-formed XML: {error}").format(error=error.msg))
        return check
    signature = root if root.tag == f"{{{DS}}}Signature" else root.find("ds:Signature", NS)
    if signature is None:
        check.problems.append(_("holds no XML signature (ds:Signature)"))
        return check
    try:
        _check(signature, files, check)
    except (ValueError, TypeError) as error:
        check.problems.append(str(error))
    return check


def _check(signature: Any, files: Mapping[str, bytes], check: SignatureCheck) -> None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    encoded = _text(signature, "ds:KeyInfo/ds:X509Data/ds:X509Certificate")
    if not encoded:
        raise ValueError(_("carries no signer's certificate"))
    der = base64.b64decode(encoded)
    certificate = x509.load_der_x509_certificate(der)
    check.signer = _signer(certificate)
    check.signing_time = _text(signature, ".//xades:SigningTime")
    signed_info = signature.find("ds:SignedInfo", NS)
    if signed_info is None:
        raise ValueError(_("has no SignedInfo"))
    properties_checked = False
    for reference in signed_info.findall("ds:Reference", NS):
        uri = reference.get("URI", "")
        expected = base64.b64decode(_text(reference, "ds:DigestValue"))
        method = reference.find("ds:DigestMethod", NS)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        if reference.get("Type") == SIGNED_PROPERTIES or uri.startswith("#"):
            target = signature.xpath(".//*[@Id=$id]", id=uri.lstrip("#"))
            if not target:
                raise ValueError(_("signs properties {uri} it does not hold").format(uri=uri))
            transform = reference.find("ds:Transforms/ds:Transform", NS)
            c14n = transform.get("Algorithm", "") if transform is not None else ""
            actual = _digest(algorithm, _canonical(target[0], c14n or next(iter(C14N))))
            if actual != expected:
                check.problems.append(_("its signed properties do not match their digest"))
            properties_checked = True
            continue
        file_name = urllib.parse.unquote(uri)
        check.signed_files.append(file_name)
        if file_name not in files:
            message = _("signs {file}, which the container lacks")
            check.problems.append(message.format(file=file_name))
        elif _digest(algorithm, files[file_name]) != expected:
            check.problems.append(
                _("{file} is not the file that was signed: its digest differs").format(
                    file=file_name
                )
            )
    unsigned = sorted(set(files) - set(check.signed_files))
    for file_name in unsigned:
        check.problems.append(_("{file} is not signed by it").format(file=file_name))
    if not properties_checked:
        check.problems.append(_("signs no properties (XAdES SignedProperties)"))
    _check_certificate_digest(signature, der, check)
    c14n_method = signed_info.find("ds:CanonicalizationMethod", NS)
    c14n = c14n_method.get("Algorithm", "") if c14n_method is not None else ""
    method = signed_info.find("ds:SignatureMethod", NS)
    algorithm = method.get("Algorithm", "") if method is not None else ""
    value = base64.b64decode(_text(signature, "ds:SignatureValue"))
    try:
        _verify(certificate, algorithm, value, _canonical(signed_info, c14n))
    except InvalidSignature:
        message = _("the signature value does not verify with the signer's certificate")
        check.problems.append(message)


def _check_certificate_digest(signature: Any, der: bytes, check: SignatureCheck) -> None:
    """The signed properties name the signing certificate by its digest."""
    cert = signature.find(".//xades:SigningCertificateV2/xades:Cert", NS)
    if cert is None:
        cert = signature.find(".//xades:SigningCertificate/xades:Cert", NS)
    if cert is None:
        check.problems.append(_("its signed properties do not name the signing certificate"))
        return
    method = cert.find("xades:CertDigest/ds:DigestMethod", NS)
    algorithm = method.get("Algorithm", "") if method is not None else ""
    expected = base64.b64decode(_text(cert, "xades:CertDigest/ds:DigestValue"))
    if _digest(algorithm, der) != expected:
        check.problems.append(_("the certificate it carries is not the one its properties name"))


def _verify(certificate: Any, algorithm: str, value: bytes, data: bytes) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    kind_hash = SIGNATURES.get(algorithm)
    if kind_hash is None:
        message = _("signature method {algorithm} is not supported")
        raise ValueError(message.format(algorithm=algorithm))
    kind, hash_name = kind_hash
    chosen = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[
        hash_name
    ]
    key = certificate.public_key()
    if kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
        # XML signatures write an ECDSA value as r and s side by side, not as DER.
        half = len(value) // 2
        r, s = int.from_bytes(value[:half], "big"), int.from_bytes(value[half:], "big")
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(chosen))
    elif kind == "rsa" and isinstance(key, rsa.RSAPublicKey):
        key.verify(value, data, padding.PKCS1v15(), chosen)
    else:
        raise ValueError(_("the certificate's key does not fit the signature method"))
