"""Corrections to what moto costs per request and as an account grows, so
a benchmark of thousands of secrets measures the product, not the emulator.

AWS finds a secret by name in constant time and lists a page in time that
does not grow with the account. moto 5.2.5 did neither:

1. Every lookup by name (DescribeSecret, GetSecretValue, CreateSecret's
   existence check, BatchGetSecretValue per id) scanned every secret of the
   account to compare ARNs first, so seeding N secrets cost O(N^2) and each
   read slowed as the account grew. A name (which cannot hold a colon) is
   now found directly; an ARN or partial ARN is still resolved by moto's
   own scan.
2. ListSecrets built the full description (``to_dict``) of every matching
   secret on every page and then sliced one page out of it, so paging
   through N secrets cost O(N^2). A listing now matches the account once,
   on its first page, and each page describes only its own secrets; the
   NextToken names that listing and an offset in it. A listing therefore
   sees the secrets that matched when it began (a secret deleted since is
   skipped), which is what AWS's paging promises at most.
3. Both scans now iterate over a copy of the store: moto's server answers
   requests on several threads, and a create during a scan failed it with
   "dictionary changed size during iteration" (a 500 page).
4. To route each request, moto's server listed its own package directory
   and stat'ed every entry in it (about 170), under the lock that
   serialises every request; the list never changes while it runs, so it
   is read once.

Semantics are unchanged otherwise; the conformance suite's listing and
lookup tests (``packages/sandbox/src/conformance/``) run against these.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from typing import Any

from moto import backends
from moto.secretsmanager import models

# listings kept for their next pages: a paging client that stops half-way
# must not hold memory for ever
MAX_OPEN_LISTINGS = 256


def _find(store: models.SecretsStore, key: str) -> Any:
    """The secret named ``key``; for an ARN, moto's own scan."""
    if ":" not in key:
        # a secret's name cannot hold a colon: this is a name, not an ARN
        return dict.get(store, key)
    for candidate in list(dict.values(store)):
        if candidate.arn == key or candidate.name == key:
            return candidate
    name = models.get_secret_name_from_partial_arn(key)
    return dict.get(store, name)


def _getitem(self: models.SecretsStore, key: str) -> Any:
    secret = _find(self, key)
    if secret is None:
        raise KeyError(key)
    return secret


def _contains(self: models.SecretsStore, key: str) -> bool:
    return _find(self, key) is not None


def _get(self: models.SecretsStore, key: str) -> Any:
    return _find(self, key)


def _pop(self: models.SecretsStore, key: str) -> Any:
    secret = _find(self, key)
    return dict.pop(self, secret.name, None) if secret is not None else None


_listings: OrderedDict[str, list[str]] = OrderedDict()
_listings_lock = threading.Lock()
_listing_ids = itertools.count(1)


def _matching_names(
    backend: models.SecretsManagerBackend,
    filters: list[dict[str, Any]],
    include_planned_deletion: bool,
) -> list[str]:
    names = []
    for secret in list(dict.values(backend.secrets)):
        if getattr(secret, "deleted_date", None) and not include_planned_deletion:
            continue
        if models._matches(secret, filters):
            names.append(secret.name)
    return names


def _list_secrets(
    self: models.SecretsManagerBackend,
    filters: list[dict[str, Any]],
    max_results: int = models.MAX_RESULTS_DEFAULT,
    next_token: str | None = None,
    include_planned_deletion: bool = False,
) -> tuple[list[dict[str, Any]], str | None]:
    listing_id, _, offset_text = (next_token or "").partition(".")
    with _listings_lock:
        names = _listings.get(listing_id)
    if names is None:
        # a first page, or a token from before a restart: match anew
        names = _matching_names(self, filters, include_planned_deletion)
        listing_id = str(next(_listing_ids))
        offset = int(offset_text) if offset_text.isdigit() else 0
    else:
        offset = int(offset_text)
    end = offset + int(max_results or models.MAX_RESULTS_DEFAULT)
    page = []
    for name in names[offset:end]:
        secret = dict.get(self.secrets, name)
        if secret is not None:
            page.append(secret.to_dict())
    with _listings_lock:
        if end < len(names):
            _listings[listing_id] = names
            _listings.move_to_end(listing_id)
            while len(_listings) > MAX_OPEN_LISTINGS:
                _listings.popitem(last=False)
            return page, f"{listing_id}.{end}"
        _listings.pop(listing_id, None)
    return page, None


def apply() -> None:
    """Patches moto's classes in place; call before the server handles a request."""
    store = models.SecretsStore
    store.__getitem__ = _getitem  # type: ignore[method-assign]
    store.__contains__ = _contains  # type: ignore[method-assign]
    store.get = _get  # type: ignore[method-assign]
    store.pop = _pop  # type: ignore[method-assign]
    models.SecretsManagerBackend.list_secrets = _list_secrets  # type: ignore[method-assign]
    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules  # type: ignore[assignment]
