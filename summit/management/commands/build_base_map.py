"""Builds the map's base layer, summit/static/summit/map/world.svg, from Natural Earth's country
outlines as the npm package world-atlas ships them (public domain). Run once when the outlines or
the projection change; the SVG is committed, so that the site needs neither the package nor any
tile server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from summit.geo import base_map_svg

DEFAULT_SOURCE = "node_modules/world-atlas/countries-110m.json"
OUTPUT = Path("summit/static/summit/map/world.svg")
CREDIT = (
    "Frontières : Natural Earth 1:110m (domaine public), par le paquet npm world-atlas 2.0.2 ; "
    "projection équirectangulaire."
)


class Command(BaseCommand):
    help = "Construit le fond de carte SVG à partir du TopoJSON de world-atlas (Natural Earth)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--source", default=DEFAULT_SOURCE, help="fichier TopoJSON")
        parser.add_argument("--output", default=str(OUTPUT), help="fichier SVG à écrire")

    def handle(self, *args: Any, source: str, output: str, **options: Any) -> None:
        source_path = Path(source)
        if not source_path.is_absolute():
            source_path = Path(settings.BASE_DIR) / source_path
        try:
            topology = json.loads(source_path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Impossible de lire {source_path} : {error.strerror}.") from None
        except ValueError:
            raise CommandError(f"{source_path} n'est pas un fichier JSON.") from None
        if not isinstance(topology, dict) or "countries" not in topology.get("objects", {}):
            raise CommandError(f"{source_path} n'est pas un TopoJSON de pays (world-atlas).")
        svg = base_map_svg(topology, source=CREDIT)
        output_path = Path(output)
        if not output_path.is_absolute():
            output_path = Path(settings.BASE_DIR) / output_path
        output_path.parent.mkdir(parents=True, exist_ok=True)
        output_path.write_text(svg, encoding="utf-8")
        self.stdout.write(f"{output_path} : {len(svg.encode()) // 1024} Kio.")
