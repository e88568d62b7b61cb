"""The main menu, help, and checking a complaint's status.

Menu: shown on the first message and after every finished flow; hands over to other flows
(complaint, status, the surveys of flows/surveys.py, help).
Status: asks for a tracking number (or offers the citizen's own) and shows status and history.
"""

from flows.schema import Flow, Step

MENU = Flow(
    id="menu",
    start="main",
    steps=(
        # A story (or "saya mau lapor") typed instead of a choice starts the complaint with what it told.
        Step("main", "choice", options=("complaint", "status", "survey", "help"), reads_story=True,
             next={"complaint": "@complaint", "status": "@status", "survey": "@survey", "help": "@help",
                   "story": "@complaint"}),
    ),
)

HELP = Flow(id="help", start="info", steps=(Step("info", "none"),))

STATUS = Flow(
    id="status",
    start="ask_number",
    steps=(
        Step("ask_number", "text", options_from="my_complaints", validate="tracking_number",
             save_as="tracking_no", next="shown", help=True),
        Step("shown", "none", action="show_status"),
    ),
)
