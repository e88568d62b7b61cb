"""Filing a complaint the SP4N-LAPOR! way.

Trigger: "Buat pengaduan" in the menu. Ends with a stored complaint and its tracking number, or
cancelled. Stores: classification, body, attachments, title, incident_date, location,
agency (or none), category, is_anonymous, is_secret (asked as one question, stored apart), contact_consent, phone.
An unfinished complaint is kept as a draft. A story told in one message (at the menu, at the first
question or at the story step) fills the slots it answers; steps marked skip_when_filled are then
passed by, so only what is missing is asked before the read-back. The title is made from the story and
corrected at the read-back, not asked.
"""

from flows.schema import Flow, Step

FIELDS = ("classification", "body", "title", "date", "location", "agency", "category", "attachments",
          "privacy", "contact")

COMPLAINT = Flow(
    id="complaint",
    start="ask_body",  # the story first: the kind of report is then usually clear from it
    keeps_draft=True,
    review="confirm",
    steps=(
        Step("ask_body", "text", options_from="body_done", validate="story", save_as="body",
             accepts_media=True, next="ask_classification", help=True, skip_when_filled=True),
        Step("ask_classification", "choice", options=("pengaduan", "aspirasi", "informasi"),
             save_as="classification", next="ask_date", help=True, skip_when_filled=True, reads_story=True),
        # No question of its own on the way: the title is made from the story (validators.story) and shown in
        # the read-back; this step is reached only to change it there.
        Step("ask_title", "text", options_from="title_suggestion", values="title_suggestion",
             validate="title", save_as="title", next="ask_date", skip_when_filled=True),
        Step("ask_date", "date", options=("today", "yesterday", "unknown"), validate="incident_date",
             save_as="incident_date", next="ask_location", skip_when_filled=True),
        Step("ask_location", "location", options_from="place_suggestion", validate="location", save_as="location",
             next={"*": "ask_agency", "ambiguous": "confirm_region", "unplaced": "ask_area"}, help=True,
             skip_when_filled=True),
        Step("confirm_region", "choice", options_from="region_candidates", values="region_question",
             validate="region_choice", next={"*": "ask_agency", "unplaced": "ask_area"}),
        # "di depan rumah saya", a dusun we do not know: asked once for the desa or kecamatan it lies in, so the
        # complaint can be routed; whatever the answer, the next question follows (never a loop)
        Step("ask_area", "location", validate="area", save_as="location",
             next={"*": "ask_agency", "ambiguous": "confirm_region"}, help=True),
        Step("ask_agency", "text", options_from="agency_options", values="agency_hint", validate="agency",
             save_as="agency_candidates", skip_when_filled=True, fills="agency",
             next={"found": "confirm_agency", "unknown": "ask_category", "chosen": "ask_category",
                   "filled": "ask_category"}, help=True),
        Step("confirm_agency", "choice", options_from="agency_candidates", values="agency_question",
             validate="agency_choice", save_as="agency",
             next={"chosen": "ask_category", "retry": "ask_agency", "unknown": "ask_category"}),
        Step("ask_category", "choice", options_from="categories", save_as="category",
             next="ask_attachments", skip_when_filled=True),
        Step("ask_attachments", "media", options=("done",), values="attachment_count",
             validate="attachments", accepts_media=True, next="ask_privacy"),
        # anonim and rahasia in one question: "ya" hides the name (anonim), "tidak" neither; the other two
        # options add rahasia; a protective default (bot/conversation/inclusive.py) stands unless the citizen
        # says "tidak"
        Step("ask_privacy", "choice", options=("yes", "no", "secret", "both"), validate="privacy",
             next="ask_consent", help=True),
        Step("ask_consent", "yesno", save_as="contact_consent", next={"yes": "ask_phone", "no": "confirm"},
             help=True),
        Step("ask_phone", "text", options=("skip",), validate="phone", save_as="phone", next="confirm"),
        Step("confirm", "choice", options=("submit", "edit", "cancel"), values="summary",
             next={"submit": "submitted", "edit": "choose_field", "cancel": "cancelled"}),
        Step("choose_field", "choice", options=FIELDS, edits=True,
             next={"classification": "ask_classification", "body": "ask_body", "title": "ask_title",
                   "date": "ask_date", "location": "ask_location", "agency": "ask_agency",
                   "category": "ask_category", "attachments": "ask_attachments",
                   "privacy": "ask_privacy", "contact": "ask_consent"},
             # privacy clears nothing: its answer sets both fields, and "ya" keeps rahasia as it stands (the
             # protective default of a violence story included)
             clears={"agency": ("agency",), "contact": ("phone",)}),
        Step("submitted", "none", action="submit_complaint"),
        Step("cancelled", "none", action="discard"),
    ),
)
