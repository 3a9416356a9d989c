"""Any parameters on the public endpoints: a page or a clear 4xx, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NAMES = st.sampled_from(["actor", "source", "from", "to", "q", "page", "speaker", "x"])
VALUES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["vladimir-poutine", "2019", "2019-04", "2019-04-25", "0", "-1", "9999-99", "a\x00b"]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(NAMES, VALUES), max_size=6), htmx=st.booleans())
@pytest.mark.parametrize("path", ["/", "/timeline.json", "/quotes/"])
def test_any_parameters_never_fail(client, seeded, path, params, htmx):
    query = list(params)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(path, query, **headers)
    assert response.status_code in (200, 400)
