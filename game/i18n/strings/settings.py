"""The settings section of the string catalogue: the workshop's network address and sending to the LRS."""

from __future__ import annotations

STRINGS: dict[str, dict[str, object]] = {
    # -- the workshop's address -------------------------------------------------------------------
    "settings.workshop.title": {"nl": "Workshop: netwerk", "en": "Workshop: network"},
    "settings.workshop.help": {
        "nl": "Hier vinden de telefoons de workshop. Laat het adres leeg, dan gebruikt de workshop het adres "
              "van deze laptop op het netwerk.",
        "en": "This is where the phones find the workshop. Leave the address empty to use this laptop's "
              "address on the network."},
    "settings.workshop.host": {"nl": "Adres (IP-adres)", "en": "Address (IP address)"},
    "settings.workshop.host_placeholder": {"nl": "Leeg: het adres van deze laptop ({detected})",
                                           "en": "Empty: this laptop's address ({detected})"},
    "settings.workshop.port": {"nl": "Poort", "en": "Port"},
    "settings.workshop.port_help": {"nl": "Een getal van 1024 tot en met 65535, of 0 voor een vrije poort.",
                                    "en": "A number from 1024 to 65535, or 0 for any free port."},
    "settings.workshop.save": {"nl": "Adres bewaren", "en": "Save address"},
    "settings.workshop.bad_host": {
        "nl": "Niet bewaard: ‘{value}’ is geen IP-adres. Typ een adres zoals 192.168.1.20, of laat het veld leeg.",
        "en": "Not saved: ‘{value}’ is not an IP address. Type an address such as 192.168.1.20, "
              "or leave the field empty."},
    "settings.workshop.bad_port": {
        "nl": "Niet bewaard: ‘{value}’ is geen goede poort. Kies een getal van 1024 tot en met 65535, "
              "of 0 voor een vrije poort.",
        "en": "Not saved: ‘{value}’ is not a usable port. Choose a number from 1024 to 65535, "
              "or 0 for any free port."},
    "settings.workshop.any_host": {
        "nl": "Niet bewaard: ‘{value}’ is geen adres waar een telefoon naartoe kan. Typ het adres van deze laptop, "
              "of laat het veld leeg.",
        "en": "Not saved: ‘{value}’ is not an address a phone can go to. Type this laptop's address, "
              "or leave the field empty."},
    "settings.workshop.saved": {"nl": "Bewaard.", "en": "Saved."},
    "settings.workshop.listens": {"nl": "De workshop luistert op {host}, {port}.",
                                  "en": "The workshop listens on {host}, {port}."},
    "settings.workshop.lan_host": {"nl": "het adres van deze laptop ({detected})",
                                   "en": "this laptop's address ({detected})"},
    "settings.workshop.port_number": {"nl": "poort {port}", "en": "port {port}"},
    "settings.workshop.any_port": {"nl": "een vrije poort", "en": "any free port"},
    "settings.workshop.not_here": {
        "nl": "Let op: deze laptop heeft het adres {host} nu niet. Staat de hotspot of het goede netwerk aan? "
              "Anders gaat de workshop verder zonder telefoons.",
        "en": "Note: this laptop does not have the address {host} right now. Is the hotspot or the right network "
              "on? Otherwise the workshop goes on without phones."},
    "settings.workshop.command_line": {
        "nl": "Dit venster is gestart met --host of --port. Die gelden tot je het venster sluit.",
        "en": "This window was started with --host or --port. Those apply until you close the window."},
    # -- sending to the learning record store --------------------------------------------------------
    "settings.sync.title": {"nl": "Leeromgeving (LRS)", "en": "Learning record store (LRS)"},
    "settings.sync.help": {
        "nl": "Je keuzes kunnen als leerregistraties (xAPI) naar de leeromgeving van je organisatie. "
              "Spelen wacht daar nooit op.",
        "en": "Your choices can go as learning records (xAPI) to your organisation's learning record store. "
              "Play never waits for it."},
    "settings.sync.endpoint": {"nl": "Verstuurt naar: {endpoint}", "en": "Sends to: {endpoint}"},
    "settings.sync.not_configured": {
        "nl": "Niet ingesteld: zie docs/xapi.md. Alles blijft op deze laptop bewaard.",
        "en": "Not configured: see docs/xapi.md. Everything stays saved on this laptop."},
    "settings.sync.incomplete": {
        "nl": "Niet compleet: het adres, de key of het secret ontbreekt (zie docs/xapi.md).",
        "en": "Not complete: the address, the key or the secret is missing (see docs/xapi.md)."},
    "settings.sync.refused": {
        "nl": {"one": "{count} leerregistratie is geweigerd en met de reden bewaard.",
               "other": "{count} leerregistraties zijn geweigerd en met de reden bewaard."},
        "en": {"one": "{count} learning record was refused and is kept with the reason.",
               "other": "{count} learning records were refused and are kept with the reason."}},
    "settings.sync.no_store": {
        "nl": "Je voortgang wordt nu niet bewaard, dus er is niets te versturen.",
        "en": "Progress is not being saved now, so there is nothing to send."},
    "settings.sync.send": {"nl": "Nu versturen", "en": "Send now"},
    "settings.sync.sending": {"nl": "Bezig met versturen. Je kunt gewoon verder.",
                              "en": "Sending. You can carry on."},
    "settings.sync.reason": {"nl": "- {reason}", "en": "- {reason}"},
    "settings.sync.more_reasons": {"nl": {"one": "- en nog {count}", "other": "- en nog {count}"},
                                   "en": {"one": "- and {count} more", "other": "- and {count} more"}},
    "settings.sync.failed": {"nl": "Versturen lukte niet: {problem}", "en": "Sending failed: {problem}"},
}
