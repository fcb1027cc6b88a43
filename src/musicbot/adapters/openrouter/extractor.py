"""`OpenRouterIntentExtractor`: asks a model on OpenRouter what a music request means.

Every failure is an `IntentUnavailable` (the composite then falls back to the lexicon); nothing here crashes a
request. Retries: 429 and 5xx (and network errors, timeouts of one attempt) are tried again, waiting what
`Retry-After` says when it says it (seconds or an HTTP date) and the retry policy's backoff otherwise; a wait
longer than `max_retry_after` is not waited: the extractor gives up at once and stays quiet until then. Each call
also goes through a circuit breaker, so a service that keeps failing is not asked for `breaker_reset_after` s.
"""

from __future__ import annotations

import asyncio
import logging
import random as _random
from collections.abc import Callable
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import Any

import httpx

from musicbot.adapters.openrouter.parsing import intent_from_body
from musicbot.adapters.openrouter.retry_after import retry_after_seconds
from musicbot.adapters.openrouter.schema import SYSTEM_PROMPT, response_format
from musicbot.application.recommendation.errors import IntentUnavailable
from musicbot.application.recommendation.intent import MusicIntent
from musicbot.application.support.clock import Clock
from musicbot.application.support.resilience.circuit_breaker import CircuitBreaker
from musicbot.application.support.resilience.errors import SourceUnavailable
from musicbot.application.support.resilience.retry import RetryPolicy, Sleep

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"
MAX_PROMPT = 500
_REFUSED = {
    HTTPStatus.UNAUTHORIZED: "OpenRouter refused the API key; ask an admin to check it",
    HTTPStatus.FORBIDDEN: "OpenRouter refused the API key; ask an admin to check it",
    HTTPStatus.PAYMENT_REQUIRED: "the OpenRouter account is out of credits",
}


class _Retryable(Exception):
    def __init__(self, error: IntentUnavailable, retry_after: float | None = None) -> None:
        super().__init__(error.reason)
        self.error = error
        self.retry_after = retry_after


class OpenRouterIntentExtractor:
    def __init__(
        self,
        *,
        api_key: str,
        model: str,
        clock: Clock,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 8.0,
        request_timeout: float = 5.0,
        max_attempts: int = 2,
        max_retry_after: float = 5.0,
        breaker_threshold: int = 3,
        breaker_reset_after: float = 60.0,
        app_name: str = "musicbot",
        client: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        if not api_key.strip() or not model.strip():
            raise ValueError("an OpenRouter extractor needs an API key and a model")
        if timeout <= 0 or request_timeout <= 0 or max_retry_after < 0:
            raise ValueError("timeouts must be positive and max_retry_after not negative")
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._model = model
        self._headers = {"Authorization": f"Bearer {api_key}", "X-Title": app_name}
        self._clock = clock
        self._timeout = timeout
        self._request_timeout = request_timeout
        self._max_retry_after = max_retry_after
        self._retry = RetryPolicy(max_attempts=max_attempts, base_delay=0.25, max_delay=2.0, sleep=sleep, random=random)
        self._sleep = sleep
        self._breaker = CircuitBreaker(
            "openrouter", failure_threshold=breaker_threshold, reset_after=breaker_reset_after, clock=clock
        )
        self._client = client or httpx.AsyncClient()
        self._owns_client = client is None
        self._quiet_until: datetime | None = None
        self.requests = 0
        self.retries = 0

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def extract(self, prompt: str) -> MusicIntent:
        now = self._clock.now()
        if self._quiet_until is not None and now < self._quiet_until:
            wait = (self._quiet_until - now).total_seconds()
            raise IntentUnavailable(f"OpenRouter asked to wait {wait:.0f} s", transient=True)
        try:
            self._breaker.acquire()
        except SourceUnavailable as error:
            raise IntentUnavailable(error.reason, transient=True) from None
        try:
            async with asyncio.timeout(self._timeout):
                intent = await self._attempts(prompt[:MAX_PROMPT])
        except IntentUnavailable:
            self._breaker.record_failure()
            raise
        except TimeoutError:
            self._breaker.record_failure()
            raise IntentUnavailable(f"OpenRouter gave no answer within {self._timeout:g} s", transient=True) from None
        except BaseException:
            self._breaker.release()
            raise
        self._breaker.record_success()
        return intent

    async def _attempts(self, prompt: str) -> MusicIntent:
        for attempt in range(1, self._retry.max_attempts + 1):
            try:
                return await self._once(prompt)
            except _Retryable as failure:
                if attempt == self._retry.max_attempts:
                    raise failure.error from None
                delay = self._retry.delay(attempt) if failure.retry_after is None else failure.retry_after
                if delay > self._max_retry_after:
                    self._quiet_until = self._clock.now() + timedelta(seconds=delay)
                    raise failure.error from None
                self.retries += 1
                log.info("OpenRouter failed (%s); retrying in %.2f s", failure.error.reason, delay)
                await self._sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _once(self, prompt: str) -> MusicIntent:
        self.requests += 1
        try:
            response = await self._client.post(
                self._url, json=self._body(prompt), headers=self._headers, timeout=self._request_timeout
            )
        except httpx.TimeoutException:
            raise _Retryable(IntentUnavailable("OpenRouter timed out", transient=True)) from None
        except httpx.HTTPError as error:
            raise _Retryable(IntentUnavailable(f"could not reach OpenRouter ({error})", transient=True)) from None
        status = response.status_code
        if status == HTTPStatus.TOO_MANY_REQUESTS or status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            wait = retry_after_seconds(response.headers.get("retry-after"), now=self._clock.now())
            raise _Retryable(IntentUnavailable(f"OpenRouter answered HTTP {status}", transient=True), wait)
        if status in _REFUSED:
            raise IntentUnavailable(_REFUSED[HTTPStatus(status)])
        if status != HTTPStatus.OK:
            raise IntentUnavailable(f"OpenRouter refused the request (HTTP {status}): {response.text[:200]}")
        try:
            body = response.json()
        except ValueError:
            raise IntentUnavailable("OpenRouter's answer is not JSON") from None
        return intent_from_body(body)

    def _body(self, prompt: str) -> dict[str, Any]:
        return {
            "model": self._model,
            "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": prompt}],
            "response_format": response_format(),
            "temperature": 0,
            "max_tokens": 400,
            # Only providers that honour every parameter (the JSON schema above all) may serve the request.
            "provider": {"require_parameters": True},
        }
