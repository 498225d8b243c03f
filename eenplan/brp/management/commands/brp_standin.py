from django.core.management.base import BaseCommand

from eenplan.brp.standin import DEFAULT_KEY, StandinServer


class Command(BaseCommand):
    help = "Run the local stand-in BRP (Haal Centraal Personen Bevragen v2, synthetic fixtures) for the demo."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8091)
        parser.add_argument("--api-key", default=DEFAULT_KEY)

    def handle(self, *args, port, api_key, **options):
        server = StandinServer(port=port, api_key=api_key)
        self.stdout.write(f"Stand-in BRP on {server.url}\nStart eenplan with:\n"
                          f"  BRP_API_URL={server.url} BRP_API_KEY={api_key}\nCtrl-C stops it.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
