#!/usr/bin/env python3
"""An auditor's verifier for the screening log, independent of the service and of Java.

It checks the published formats with Python's standard library and the `cryptography` package
(Ed25519 only):

  tlog_verify.py checkpoint CHECKPOINT_FILE VERIFIER_KEY [VERIFIER_KEY ...]
      a C2SP signed-note checkpoint: prints "origin size root" when a trusted key signed it.
  tlog_verify.py proof PROOF_FILE RECORD_FILE VERIFIER_KEY [VERIFIER_KEY ...]
      a C2SP tlog-proof of a record (the exact bytes of the log's record): prints "index size" when
      the RFC 9162 inclusion proof leads to the root of a checkpoint a trusted key signed.

VERIFIER_KEY is a signed-note verifier key, name+keyid+base64(0x01 || Ed25519 key), as the JWKS of
/api/v1/audit/keys gives it in noteVerifierKey. Exit status 0: verified; 1: not verified; 2: usage.
"""
import base64
import hashlib
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class NotVerified(Exception):
    pass


def parse_verifier_key(vkey):
    name, key_id, typed = vkey.split("+", 2)
    raw = base64.b64decode(typed)
    if len(raw) != 33 or raw[0] != 0x01:
        raise NotVerified("only Ed25519 verifier keys (type 0x01)")
    computed = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if computed.hex() != key_id:
        raise NotVerified("the verifier key's id does not match its name and key")
    return name, computed, Ed25519PublicKey.from_public_bytes(raw[1:])


def open_note(note, vkeys):
    """The note's text if a trusted key signed it (C2SP signed-note)."""
    if not note.endswith("\n") or "\n\n" not in note:
        raise NotVerified("not a signed note")
    split = note.rindex("\n\n")
    text, signatures = note[:split + 1], note[split + 2:-1].split("\n")
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise NotVerified("control characters in the note")
    keys = [parse_verifier_key(v) for v in vkeys]
    verified = False
    for line in signatures:
        if not line.startswith("\u2014 "):
            raise NotVerified("a signature line starts with an em dash")
        name, _, signature = line[2:].partition(" ")
        blob = base64.b64decode(signature)
        for key_name, key_id, key in keys:
            if key_name == name and key_id == blob[:4]:
                try:
                    key.verify(blob[4:], text.encode())
                except InvalidSignature:
                    raise NotVerified("a trusted key's signature does not verify")
                verified = True
    if not verified:
        raise NotVerified("no signature of a trusted key")
    return text


def parse_checkpoint(text):
    lines = text.split("\n")
    if len(lines) < 4 or not (lines[1] == "0" or (lines[1].isdigit() and not lines[1].startswith("0"))):
        raise NotVerified("not a tlog-checkpoint")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise NotVerified("a root hash has 32 bytes")
    return lines[0], int(lines[1]), root


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf_hash, proof, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_proof(proof_text, record, vkeys):
    lines = proof_text.split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        raise NotVerified("not a tlog-proof")
    at = 1
    if lines[at].startswith("extra "):
        at += 1
    if not lines[at].startswith("index "):
        raise NotVerified("a tlog-proof names its index")
    index = int(lines[at][len("index "):])
    at += 1
    hashes = []
    while lines[at]:
        hashes.append(base64.b64decode(lines[at], validate=True))
        at += 1
    checkpoint = "\n".join(lines[at + 1:])
    origin, size, root = parse_checkpoint(open_note(checkpoint, vkeys))
    leaf = hashlib.sha256(b"\x00" + record).digest()
    if not verify_inclusion(index, size, leaf, hashes, root):
        raise NotVerified("the inclusion proof does not lead to the checkpoint's root")
    return index, size


def main(argv):
    try:
        if len(argv) >= 3 and argv[0] == "checkpoint":
            with open(argv[1], encoding="utf-8") as f:
                origin, size, root = parse_checkpoint(open_note(f.read(), argv[2:]))
            print(origin, size, base64.b64encode(root).decode())
            return 0
        if len(argv) >= 4 and argv[0] == "proof":
            with open(argv[1], encoding="utf-8") as f:
                proof = f.read()
            with open(argv[2], "rb") as f:
                record = f.read()
            index, size = verify_proof(proof, record, argv[3:])
            print(index, size)
            return 0
    except NotVerified as e:
        print("NOT VERIFIED:", e, file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
