"""Credentials that keep acting in their account across a restart of moto.

Applied by ``sandbox_moto.py`` before moto's server starts; pinned by
``src/conformance/restart.integration.test.ts``, which fails on plain moto
5.2.5.

An AWS access key id names its account: ``sts:GetAccessKeyInfo`` answers
the account of any key id, and temporary credentials keep acting in the
account of the role they were issued for until they expire. moto encodes
the account in the key ids it issues, but answers from memory: once it
restarts, a key it issued before is unknown to it and acts in its default
account, 123456789012. Clients cache assumed-role credentials for up to an
hour (the backend, the operators, ESO), so after a restart they would read
and write another account: an operator saw every secret as gone and
deleted the Secrets it owned. Here a key id moto does not know acts in the
account its id encodes, as it would on AWS.

``SANDBOX_MOTO_PLAIN_ACCOUNTS=1`` leaves moto's mapping alone, for the
tests that reproduce the fault.
"""

from __future__ import annotations

import base64
import binascii
import os

from moto.core import DEFAULT_ACCOUNT_ID
from moto.iam import models as iam_models
from moto.iam.utils import ACCOUNT_OFFSET, AWS_ROLE_ALPHABET
from moto.sts import models as sts_models

#: Prefixes of the key ids moto issues (long-term user keys, STS keys).
ISSUED_PREFIXES = ("AKIA", "ASIA")


def account_of_key_id(access_key_id: str) -> str | None:
    """The account moto encoded in a key id it issued, or None."""
    if len(access_key_id) != 20 or not access_key_id.startswith(ISSUED_PREFIXES):
        return None
    try:
        encoded = int.from_bytes(base64.b32decode(access_key_id[4:12]), "big")
    except (binascii.Error, ValueError):
        return None
    half = encoded - ACCOUNT_OFFSET
    if half < 0:
        return None
    odd = access_key_id[12] in AWS_ROLE_ALPHABET[16:]
    account = half * 2 + (1 if odd else 0)
    return f"{account:012d}" if account < 10**12 else None


def apply() -> None:
    """Patches moto's account lookup in place; call before the server starts."""
    if os.environ.get("SANDBOX_MOTO_PLAIN_ACCOUNTS") == "1":
        return
    get_account_id_from = iam_models.get_account_id_from

    def account_id_from(access_key: str) -> str:
        account = get_account_id_from(access_key)
        if account != DEFAULT_ACCOUNT_ID:
            return account
        return account_of_key_id(access_key) or account

    # moto's responses import the function at each request, from the module
    iam_models.get_account_id_from = account_id_from

    get_access_key_info = sts_models.STSBackend.get_access_key_info

    def access_key_info(self, access_key_id: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
        account = account_of_key_id(access_key_id)
        return {"Account": account} if account else get_access_key_info(self, access_key_id)

    sts_models.STSBackend.get_access_key_info = access_key_info  # type: ignore[method-assign]
