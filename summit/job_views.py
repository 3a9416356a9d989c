"""The teacher's page of a background job: its progress while it runs, then its outcome."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from summit.jobs import job_progress, job_stale_fail
from summit.models import Job


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
@never_cache
@vary_on_headers("HX-Request")
@staff_member_required
def job_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Polled every second by htmx (the region alone), by a meta refresh without JavaScript."""
    job_stale_fail()
    job = job_progress(get_object_or_404(Job, pk=pk))
    template = "admin/summit/job.html#job" if request.htmx else "admin/summit/job.html"
    context = {
        **admin.site.each_context(request),
        "job": job,
        "title": job.label,
        "subtitle": None,
    }
    return render(request, template, context)
