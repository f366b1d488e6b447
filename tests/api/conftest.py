"""Fixtures of the API tests: the seed's build and an in-process client of the app."""

import pytest

from api.app import create_app
from api.holder import StoreHolder
from graph import build
from tests.api.client import AppClient
from tests.conftest import DATA


@pytest.fixture(scope="module")
def result():
    return build(DATA)


@pytest.fixture(scope="module")
def client(result):
    with AppClient(create_app(StoreHolder(result))) as c:
        yield c
