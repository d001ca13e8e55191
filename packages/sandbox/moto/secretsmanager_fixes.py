"""Corrections to moto's Secrets Manager backend where it diverges from AWS.

Applied by ``sandbox_moto.py`` before moto's server starts; each is pinned
by a test in ``packages/sandbox/src/conformance/`` that fails on plain moto
5.2.5 (``CONFORMANCE_AWS_ENDPOINT`` runs the suite against any emulator).

1. The version a read without VersionId/VersionStage returns is the one
   labelled AWSCURRENT. moto keeps a separate "default version" that only
   PutSecretValue moves, so after UpdateSecretVersionStage moved AWSCURRENT
   it kept serving the old version (GetSecretValue, BatchGetSecretValue),
   and the next plain PutSecretValue demoted that old version, leaving two
   versions labelled AWSCURRENT.
2. When a put makes a new version current, only AWSCURRENT and AWSPREVIOUS
   move (AWS: "Secrets Manager also automatically moves the staging label
   AWSPREVIOUS to the version that AWSCURRENT was removed from"); moto
   replaced every label of the old version, dropping custom ones such as
   the backend's ``secrets-sync-pending``. Custom labels given with
   AWSCURRENT leave the versions that had them, as they do without it.
3. A secret scheduled for deletion takes no new value: PutSecretValue and
   UpdateSecret are refused with InvalidRequestException (moto added the
   version), and CreateSecret of its name is refused with
   InvalidRequestException (moto answered ResourceExistsException).
4. ListSecretVersionIds lists each version with the date it was created
   (moto gave the time of the call to every version, so versions could not
   be told apart by age), and, as AWS does, only versions that carry a
   staging label unless IncludeDeprecated is true (moto listed every
   version, and ignored the parameter).

Written against moto 5.2.5 (``requirements.txt`` pins it); ``apply()``
refuses another version so that an upgrade is a decision, re-checked by
the conformance suite, not an accident.
"""

from __future__ import annotations

from typing import Any

import moto
import json

from moto.secretsmanager import models, responses
from moto.secretsmanager.exceptions import InvalidRequestException

SUPPORTED_MOTO = "5.2.5"

CURRENT = "AWSCURRENT"
PREVIOUS = "AWSPREVIOUS"


def _current_version_id(secret: models.FakeSecret) -> str | None:
    """The version labelled AWSCURRENT; moto's own record when none is."""
    for version_id, version in secret.versions.items():
        if CURRENT in version["version_stages"]:
            return version_id
    return secret.__dict__.get("_default_version_id")


def _set_default_version_id(secret: models.FakeSecret, version_id: str | None) -> None:
    secret.__dict__["_default_version_id"] = version_id


def _reset_default_version(
    self: models.FakeSecret, secret_version: dict[str, Any], version_id: str
) -> None:
    """Makes ``version_id`` current: AWSCURRENT and AWSPREVIOUS move, other labels stay."""
    previous_id = _current_version_id(self)
    new_labels = set(secret_version["version_stages"])
    for other_id, other in self.versions.items():
        if other_id == version_id:
            continue
        labels = other["version_stages"]
        # a label is on one version at a time: the new one takes its own
        labels[:] = [l for l in labels if l not in new_labels and l != PREVIOUS]
        if other_id == previous_id:
            labels.append(PREVIOUS)
    self.versions[version_id] = secret_version
    _set_default_version_id(self, version_id)


def _refuse_if_scheduled_for_deletion(
    backend: models.SecretsManagerBackend, secret_id: str, message: str
) -> None:
    secret = backend.secrets.get(secret_id)
    if isinstance(secret, models.FakeSecret) and secret.is_deleted():
        raise InvalidRequestException(message)


def _list_secret_version_ids(
    self: models.SecretsManagerBackend, secret_id: str, include_deprecated: bool = False
) -> str:
    """Versions with their own creation dates; unlabelled ones only when asked for."""
    secret = self.secrets[secret_id]
    versions = [
        {
            "CreatedDate": version["createdate"],
            "VersionId": version_id,
            "VersionStages": version["version_stages"],
        }
        for version_id, version in secret.versions.items()
        if include_deprecated or version["version_stages"]
    ]
    return json.dumps(
        {"ARN": secret.arn, "Name": secret.name, "NextToken": None, "Versions": versions}
    )


def _list_secret_version_ids_response(self: responses.SecretsManagerResponse) -> str:
    return self.backend.list_secret_version_ids(  # type: ignore[call-arg]
        secret_id=self._get_param("SecretId", if_none=""),
        include_deprecated=bool(self._get_param("IncludeDeprecated", if_none=False)),
    )


def apply() -> None:
    """Patches moto's classes in place; call before the server handles a request."""
    if moto.__version__ != SUPPORTED_MOTO:
        raise RuntimeError(
            f"secretsmanager_fixes targets moto {SUPPORTED_MOTO}, found "
            f"{moto.__version__}: re-check each fix against the conformance "
            "suite (CONFORMANCE_AWS_ENDPOINT) before changing SUPPORTED_MOTO"
        )

    models.FakeSecret.default_version_id = property(  # type: ignore[assignment]
        _current_version_id, _set_default_version_id
    )
    models.FakeSecret.reset_default_version = _reset_default_version  # type: ignore[method-assign]

    backend = models.SecretsManagerBackend
    put_secret_value = backend.put_secret_value
    update_secret = backend.update_secret
    create_secret = backend.create_secret

    def checked_put_secret_value(self, secret_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        _refuse_if_scheduled_for_deletion(
            self,
            secret_id,
            "You can't perform this operation on the secret because it was marked for deletion.",
        )
        return put_secret_value(self, secret_id, *args, **kwargs)

    def checked_update_secret(self, secret_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        _refuse_if_scheduled_for_deletion(
            self,
            secret_id,
            "You can't perform this operation on the secret because it was marked for deletion.",
        )
        return update_secret(self, secret_id, *args, **kwargs)

    def checked_create_secret(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        _refuse_if_scheduled_for_deletion(
            self,
            name,
            "You can't create this secret because a secret with this name is already scheduled for deletion.",
        )
        return create_secret(self, name, *args, **kwargs)

    backend.list_secret_version_ids = _list_secret_version_ids  # type: ignore[method-assign]
    responses.SecretsManagerResponse.list_secret_version_ids = (  # type: ignore[method-assign]
        _list_secret_version_ids_response
    )
    backend.put_secret_value = checked_put_secret_value  # type: ignore[method-assign]
    backend.update_secret = checked_update_secret  # type: ignore[method-assign]
    backend.create_secret = checked_create_secret  # type: ignore[method-assign]
