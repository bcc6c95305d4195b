"""The athlete's sessions are read with the athlete's catalogue (both engines): a coach's
exercise in a member's template comes with its cues, dose and targets; a non-member's
catalogue lacks it; with no coach exercise stored the built-in catalogue is used as is."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from footcore.bootstrap import App
from footcore.domain.access import Role
from footcore.services.exports import ExportService

from .support import COACH_EXERCISE, FAST, PASSWORD, PROFILE, TODAY

TEMPLATE = {
    "name": "Toe control",
    "sessions": [
        {"days": ["mon", "wed", "fri"], "slot": "morning", "items": ["seated-toe-yoga"]},
    ],
}


def _people(app: App) -> tuple[int, int]:
    """Cleo's exercise in a template for her group; Ana is a member, Bea is not."""
    app.services.accounts.hasher = FAST
    acc, coaching = app.services.accounts, app.services.coaching
    cleo = acc.principal(acc.create_user("cleo@example.org", PASSWORD, Role.COACH).id)
    ids = []
    for name in ("Ana", "Bea"):
        athlete = app.services.onboard({**PROFILE, "name": name}).athlete.id
        acc.sign_up(f"{name.lower()}@example.org", PASSWORD, athlete_id=athlete)
        ids.append(athlete)
    group = coaching.create_group(cleo, "Toe club")
    user = acc.principal(_user_id(app, "ana@example.org"))
    coaching.join(user, group.invite_code or "")
    coaching.add_exercise(cleo, COACH_EXERCISE)
    coaching.save_template(cleo, TEMPLATE)
    coaching.assign_template(cleo, "Toe control", group_id=group.id, starts_on=TODAY)
    return ids[0], ids[1]


def _user_id(app: App, email: str) -> int:
    with app.uow() as uow:
        user = uow.accounts.users.by_email(email)
        assert user is not None
        return user.id


def test_a_members_session_reads_the_coachs_exercise_with_its_cues(app: App) -> None:
    ana, _bea = _people(app)
    session = app.services.programmes.planned_session(ana, TODAY, "morning")
    slugs = [str(i["exercise"]) for i in session["items"]]
    assert "seated-toe-yoga" in slugs
    catalogue = app.services.programmes.catalogue_for(ana)
    yoga = catalogue.get("seated-toe-yoga")
    assert yoga.cues == ("Heel and ball of the foot stay down.", "Move slowly, no cramping.")
    assert [str(t) for t in yoga.targets] == ["intrinsic-foot"]
    assert yoga.dose.per_side
    assert all(s in catalogue for s in slugs)  # every item of the session is known


def test_a_non_members_catalogue_never_holds_the_coachs_exercise(app: App) -> None:
    _ana, bea = _people(app)
    assert "seated-toe-yoga" not in app.services.programmes.catalogue_for(bea)
    today = app.services.today(bea, TODAY)
    assert all(i["exercise"] != "seated-toe-yoga" for s in today.sessions for i in s["items"])


def test_without_coach_exercises_the_builtin_catalogue_is_used_as_is(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    assert app.services.programmes.catalogue_for(athlete) is app.services.ctx.catalogue()


def test_a_members_exports_carry_the_coachs_exercise_with_its_cues(app: App) -> None:
    """The calendar, the PDF handout and the FHIR bundle read the member's catalogue, as
    the player does: the coach's exercise comes with its cues, not as a bare name."""
    ana, bea = _people(app)
    exports = ExportService(app.services.ctx)
    cue = "Heel and ball of the foot stay down."
    calendar = exports.calendar(ana).content
    assert isinstance(calendar, bytes | str)
    ics = calendar if isinstance(calendar, str) else calendar.decode()
    assert "Seated toe yoga" in ics
    assert cue in " ".join(line.strip() for line in ics.replace("\r\n ", "").splitlines())
    pdf = exports.handout(ana).content
    assert isinstance(pdf, bytes)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Seated toe yoga" in text
    assert cue in text
    fhir = json.loads(exports.fhir(ana).content)
    codes = next(r["resource"] for r in fhir["entry"] if r["resource"]["id"] == "footcore-exercise")
    yoga = next(c for c in codes["concept"] if c["code"] == "seated-toe-yoga")
    assert yoga["display"] == "Seated toe yoga"
    assert yoga["definition"].startswith("Sitting tall, lift the big toe")
    # Bea is not a member: nothing of the coach's reaches her files.
    other = exports.calendar(bea).content
    assert "Seated toe yoga" not in (other if isinstance(other, str) else other.decode())
