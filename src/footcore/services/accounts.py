"""Accounts: sign-up, sign-in with lockout, sessions, password resets, export and deletion.

Everything lives in the database, nothing in a web process: sessions, failed-attempt counts
and lockouts are rows, so any number of worker processes serve one person consistently.

- Passwords are hashed with argon2id (``argon2-cffi``'s defaults); a hash made with older
  parameters is replaced at the next successful sign-in.
- A failed sign-in always gives the same message, whether the email is unknown, the
  password wrong or the account locked, and an unknown email still costs one hash check.
  After ``LOCKOUT_AFTER`` failures in a row an account is locked for ``LOCKOUT_MINUTES``.
- A session is a random token held by the browser; only its SHA-256 hash is stored, with a
  CSRF secret and an expiry (``SESSION_DAYS``).
- A password-reset token is issued by an admin (the CLI or the web's Accounts pages; no mail
  server is assumed), works once, and expires after ``RESET_HOURS``. Using it signs the
  account out everywhere.
- Changing one's password needs the current one; a wrong one counts as a failed sign-in
  (the same count and lock), and a change signs out every other session of the account.
- There is always an admin: the last admin account can be neither deleted nor given another
  role (``_keep_an_admin``, the one place of that rule).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import access
from footcore.domain.access import Principal, Role
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError
from footcore.domain.languages import LANGUAGES, known
from footcore.services.context import Context, require_athlete, utc_now
from footcore.store.revisions import HEAD

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from footcore.services.unit_of_work import UnitOfWork, UserRecord

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_EMAIL = 254
LOCKOUT_AFTER = 5
LOCKOUT_MINUTES = 15
SESSION_DAYS = 14
#: ``last_seen_at`` is written at most this often (not on every request).
SESSION_TOUCH_MINUTES = 5
RESET_HOURS = 1
SECRET_KEY = "secret_key"
EXPORT_FORMAT = "footcore.account-export/1"

SIGN_IN_FAILED = (
    f"wrong email or password (after {LOCKOUT_AFTER} failed attempts an account is locked "
    f"for {LOCKOUT_MINUTES} minutes)"
)
RESET_INVALID = "this reset token is unknown, used or expired: ask an admin for a new one"
CURRENT_WRONG = (
    f"is not right (after {LOCKOUT_AFTER} wrong passwords in a row the account is locked for "
    f"{LOCKOUT_MINUTES} minutes)"
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def _typed_token() -> str:
    """A reset token someone can type after a command: never starting with '-', which a
    command line reads as an option ('footcore admin reset-password -h...' answered "No such
    option")."""
    token = secrets.token_urlsafe(24)
    while token.startswith("-"):
        token = secrets.token_urlsafe(24)
    return token


class SignInError(FootcoreError):
    """Sign-in failed; the message never says why (unknown email, wrong password, lock)."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_FAILED)


@dataclass(frozen=True)
class UserView:
    id: int
    email: str
    role: str
    athlete_id: int | None
    created_at: dt.datetime
    locked_until: dt.datetime | None = None
    last_sign_in_at: dt.datetime | None = None
    #: The language chosen for the web pages; None: the browser's.
    language: str | None = None

    @classmethod
    def of(cls, u: UserRecord) -> UserView:
        return cls(
            u.id,
            u.email,
            u.role,
            u.athlete_id,
            u.created_at,
            u.locked_until,
            u.last_sign_in_at,
            u.language,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "role": self.role,
            "athlete_id": self.athlete_id,
            "created_at": self.created_at.isoformat(),
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "last_sign_in_at": self.last_sign_in_at.isoformat() if self.last_sign_in_at else None,
        }


@dataclass(frozen=True)
class AccountRow:
    """One line of the admin's account list."""

    user: UserView
    athlete_name: str | None
    locked: bool  # locked out now (too many failed sign-ins)


@dataclass(frozen=True)
class NewSession:
    """A session just made: ``token`` goes into the cookie and is never stored."""

    token: str
    csrf_token: str
    expires_at: dt.datetime
    user: UserView


@dataclass(frozen=True)
class SessionView:
    """A valid session, resolved from its cookie."""

    session_id: int
    user: UserView
    csrf_token: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class ResetToken:
    token: str
    email: str
    expires_at: dt.datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> list[Problem]:
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        return [Problem("email", "must be an email address such as ana@example.org")]
    return []


def check_password(password: str, email: str) -> list[Problem]:
    problems: list[Problem] = []
    if len(password) < MIN_PASSWORD:
        problems.append(Problem("password", f"must be at least {MIN_PASSWORD} characters"))
    elif len(password) > MAX_PASSWORD:
        problems.append(Problem("password", f"must be at most {MAX_PASSWORD} characters"))
    lowered = password.strip().lower()
    if email and lowered in (email, email.split("@", maxsplit=1)[0]):
        problems.append(Problem("password", "must not be your email address"))
    return problems


def default_hasher() -> PasswordHasher:
    # Deferred: argon2 loads only when a password is hashed or checked (not by the web
    # app's start or a one-person request; measured).
    from argon2 import PasswordHasher  # noqa: PLC0415

    return PasswordHasher()  # argon2id with the library's current recommended parameters


class AccountService:
    def __init__(self, ctx: Context, hasher: Callable[[], PasswordHasher] = default_hasher) -> None:
        self.ctx = ctx
        self._make_hasher = hasher
        self._hasher: PasswordHasher | None = None
        self._dummy: str | None = None

    @property
    def hasher(self) -> PasswordHasher:
        if self._hasher is None:
            self._hasher = self._make_hasher()
        return self._hasher

    @hasher.setter
    def hasher(self, value: PasswordHasher) -> None:
        self._hasher = value
        self._dummy = None

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def _verify(self, stored: str, password: str) -> bool:
        # Deferred: argon2 loads only when a password is hashed or checked (not by the web
        # app's start or a one-person request; measured).
        from argon2.exceptions import InvalidHashError, VerificationError  # noqa: PLC0415

        try:
            return bool(self.hasher.verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False

    # -- mode -------------------------------------------------------------------------------

    def multi_user(self, configured: bool, host: str) -> bool:
        """Multi-user mode (accounts, sign-in): when configured, when the server listens
        beyond loopback, or as soon as any account exists. Otherwise one-person mode."""
        if configured or self.ctx.multi_user_required(host):
            return True
        with self.ctx.uow(read_only=True) as uow:
            return uow.accounts.users.count() > 0

    # -- users ------------------------------------------------------------------------------

    def sign_up(self, email: str, password: str, athlete_id: int | None = None) -> UserView:
        """A new athlete account (the web's sign-up)."""
        return self.create_user(email, password, Role.ATHLETE, athlete_id)

    def create_user(
        self,
        email: str,
        password: str,
        role: Role | str = Role.ATHLETE,
        athlete_id: int | None = None,
    ) -> UserView:
        """Any role (the CLI, or an admin). ``athlete_id`` links existing training data."""
        email = normalise_email(email)
        problems = check_email(email) + check_password(password, email)
        if role not in Role.slugs():
            problems.append(Problem("role", f"must be one of {', '.join(Role.slugs())}"))
        if problems:
            raise ValidationError("account", problems)
        hashed = self.hasher.hash(password)
        with self.ctx.uow() as uow:
            if uow.accounts.users.by_email(email) is not None:
                raise ValidationError(
                    "account", [Problem("email", "an account with this email already exists")]
                )
            if athlete_id is not None:
                require_athlete(uow, athlete_id)
                if uow.accounts.users.by_athlete(athlete_id) is not None:
                    raise ValidationError(
                        "account",
                        [Problem("athlete", "this athlete already belongs to an account")],
                    )
            user = uow.accounts.users.add(
                {
                    "email": email,
                    "password_hash": hashed,
                    "role": str(role),
                    "athlete_id": athlete_id,
                    "failed_sign_ins": 0,
                    "created_at": self.ctx.now(),
                }
            )
            return UserView.of(user)

    def link_athlete(self, user_id: int, athlete_id: int) -> UserView:
        """Attach training data (made by onboarding) to an account without any. Two
        accounts claiming the same athlete at once, or one account two athletes: one link
        is made, the other is refused with the reason."""
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            require_athlete(uow, athlete_id)
            other = uow.accounts.users.by_athlete(athlete_id)
            if other is not None and other.id != user_id:
                raise ValidationError("account", [_BELONGS_ELSEWHERE])
            if user.athlete_id == athlete_id:
                return UserView.of(user)
            if user.athlete_id is not None:
                raise ValidationError("account", [_HAS_TRAINING_DATA])
            link_account(uow, user_id, athlete_id)
            return UserView.of(user)

    def users(self) -> list[UserView]:
        with self.ctx.uow(read_only=True) as uow:
            return [UserView.of(u) for u in uow.accounts.users.list()]

    def account_list(self) -> list[AccountRow]:
        """Every account with its linked athlete's name and whether it is locked now (the
        admin's list)."""
        now = self.ctx.now()
        with self.ctx.uow(read_only=True) as uow:
            return [
                AccountRow(
                    UserView.of(u), name, u.locked_until is not None and u.locked_until > now
                )
                for u, name in uow.accounts.users.with_athlete_names()
            ]

    def set_role(self, user_id: int, role: Role | str) -> UserView:
        """Give an account another role (an admin's change). The last admin keeps theirs.
        A coach made an athlete keeps their groups, templates and exercises (their members
        keep following them) until they are a coach again or the account is deleted."""
        if role not in Role.slugs():
            raise ValidationError(
                "account", [Problem("role", f"must be one of {', '.join(Role.slugs())}")]
            )
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            if user.role != role:
                self._keep_an_admin(uow, user, f"made {_article(str(role))} {role}")
                user.role = str(role)
                uow.flush()
            return UserView.of(user)

    def unlock(self, user_id: int) -> UserView:
        """Lift a lock from failed sign-ins at once, and start the count again."""
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            user.locked_until = None
            user.failed_sign_ins = 0
            uow.flush()
            return UserView.of(user)

    def set_language(self, user_id: int, language: str | None) -> UserView:
        """Keep the language the account reads footcore in; None follows the browser."""
        chosen = None if language in (None, "") else known(language)
        if language not in (None, "") and chosen is None:
            raise ValidationError(
                "language",
                [Problem("language", f"not one of {', '.join(LANGUAGES)} (got {language!r})")],
            )
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            user.language = chosen
            uow.flush()
            return UserView.of(user)

    def user(self, user_id: int) -> UserView:
        with self.ctx.uow(read_only=True) as uow:
            return UserView.of(self._user(uow, user_id))

    def user_by_email(self, email: str) -> UserView:
        with self.ctx.uow(read_only=True) as uow:
            user = uow.accounts.users.by_email(normalise_email(email))
            if user is None:
                raise NotFoundError("account", normalise_email(email))
            return UserView.of(user)

    def principal(self, user_id: int) -> Principal:
        """Everything the access rules need about this user, in one transaction."""
        with self.ctx.uow(read_only=True) as uow:
            return principal_of(uow, self._user(uow, user_id))

    # -- signing in -------------------------------------------------------------------------

    def sign_in(self, email: str, password: str) -> NewSession:
        """Check the password and open a session. Every failure raises :class:`SignInError`
        with the same message; failures are counted (and the lock set) before it is raised."""
        email = normalise_email(email)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            user = uow.accounts.users.by_email(email) if len(password) <= MAX_PASSWORD else None
            if user is None:
                self._verify(self._dummy_hash(), password[:MAX_PASSWORD])
                failed = True
            elif user.locked_until is not None and user.locked_until > now:
                self._verify(self._dummy_hash(), password)
                failed = True
            elif not self._verify(user.password_hash, password):
                self._count_failure(uow, user, now)
                failed = True
            else:
                failed = False
                if self.hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = self.hasher.hash(password)
                user.failed_sign_ins = 0
                user.locked_until = None
                user.last_sign_in_at = now
                uow.flush()
                made = self._new_session(uow, user, now)
        if failed:
            raise SignInError()
        return made

    def _count_failure(self, uow: UnitOfWork, user: UserRecord, now: dt.datetime) -> None:
        # An atomic increment: several workers counting at once lose no failure.
        uow.accounts.users.count_failure(user.id)
        if user.failed_sign_ins >= LOCKOUT_AFTER:
            user.locked_until = now + dt.timedelta(minutes=LOCKOUT_MINUTES)
            user.failed_sign_ins = 0
        uow.flush()

    def create_session(self, user_id: int) -> NewSession:
        """A session for a user (after sign-up, or by an admin tool)."""
        with self.ctx.uow() as uow:
            return self._new_session(uow, self._user(uow, user_id), self.ctx.now())

    def _new_session(self, uow: UnitOfWork, user: UserRecord, now: dt.datetime) -> NewSession:
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires = now + dt.timedelta(days=SESSION_DAYS)
        uow.accounts.web_sessions.add(
            {
                "token_hash": token_hash(token),
                "user_id": user.id,
                "csrf_secret": csrf,
                "created_at": now,
                "expires_at": expires,
                "last_seen_at": now,
            }
        )
        return NewSession(token, csrf, expires, UserView.of(user))

    def resolve_session(self, token: str | None) -> SessionView | None:
        """The session of a cookie's token; None when unknown or expired (an expired one is
        deleted)."""
        if not token or len(token) > 200:
            return None
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            row = uow.accounts.web_sessions.by_token_hash(token_hash(token))
            if row is None:
                return None
            if row.expires_at <= now:
                uow.accounts.web_sessions.delete(row.id)
                return None
            if now - row.last_seen_at >= dt.timedelta(minutes=SESSION_TOUCH_MINUTES):
                row.last_seen_at = now
            user = self._user(uow, row.user_id)
            return SessionView(row.id, UserView.of(user), row.csrf_secret, row.expires_at)

    @staticmethod
    def csrf_ok(session: SessionView, submitted: str | None) -> bool:
        """A form's CSRF token matches its session's (constant-time comparison)."""
        return bool(submitted) and secrets.compare_digest(
            session.csrf_token.encode(), (submitted or "").encode()
        )

    def sign_out(self, token: str) -> bool:
        """End the session of this token; True when there was one."""
        with self.ctx.uow() as uow:
            row = uow.accounts.web_sessions.by_token_hash(token_hash(token))
            if row is None:
                return False
            uow.accounts.web_sessions.delete(row.id)
            return True

    def sign_out_everywhere(self, user_id: int) -> int:
        with self.ctx.uow() as uow:
            return uow.accounts.web_sessions.delete_for_user(user_id)

    def purge_expired_sessions(self) -> int:
        with self.ctx.uow() as uow:
            return uow.accounts.web_sessions.delete_expired(self.ctx.now())

    # -- password resets --------------------------------------------------------------------

    def issue_reset_token(self, email: str) -> ResetToken:
        """A one-time token (for an admin to hand over; no mail server is assumed)."""
        email = normalise_email(email)
        with self.ctx.uow() as uow:
            user = uow.accounts.users.by_email(email)
            if user is None:
                raise NotFoundError("account", email)
            return self._issue_reset(uow, user)

    def issue_reset_token_for(self, user_id: int) -> ResetToken:
        """The same token, for an account chosen by id (the web's Accounts pages)."""
        with self.ctx.uow() as uow:
            return self._issue_reset(uow, self._user(uow, user_id))

    def _issue_reset(self, uow: UnitOfWork, user: UserRecord) -> ResetToken:
        now = self.ctx.now()
        token = _typed_token()
        expires = now + dt.timedelta(hours=RESET_HOURS)
        uow.accounts.resets.add(
            {
                "token_hash": token_hash(token),
                "user_id": user.id,
                "created_at": now,
                "expires_at": expires,
                "used_at": None,
            }
        )
        return ResetToken(token, user.email, expires)

    def reset_password(self, token: str, new_password: str) -> UserView:
        """Set a new password with a reset token; the token is spent, every session of the
        account ends and any lock is lifted."""
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            row = uow.accounts.resets.by_token_hash(token_hash(token)) if token else None
            if row is None or row.used_at is not None or row.expires_at <= now:
                raise FootcoreError(RESET_INVALID)
            user = self._user(uow, row.user_id)
            problems = check_password(new_password, user.email)
            if problems:
                raise ValidationError("password", problems)
            if not uow.accounts.resets.use(row.id, now):
                raise FootcoreError(RESET_INVALID)
            user.password_hash = self.hasher.hash(new_password)
            user.failed_sign_ins = 0
            user.locked_until = None
            uow.accounts.web_sessions.delete_for_user(user.id)
            uow.flush()
            return UserView.of(user)

    def change_password(
        self, user_id: int, current: str, new_password: str, keep_session: int | None = None
    ) -> int:
        """Set a new password, given the current one; every other session of the account
        ends (``keep_session``: the session id making the change, which stays signed in).
        Returns how many sessions ended.

        A wrong current password counts as a failed sign-in (the same count and lock as
        :meth:`sign_in`); while the account is locked the change is refused. Problems are
        reported by field: ``current_password``, ``new_password``."""
        now = self.ctx.now()
        problems: list[Problem] = []
        ended = 0
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            if user.locked_until is not None and user.locked_until > now:
                self._verify(self._dummy_hash(), current[:MAX_PASSWORD])
                until = user.locked_until.strftime("%H:%M UTC")
                problems.append(
                    Problem(
                        "current_password",
                        f"the account is locked after {LOCKOUT_AFTER} wrong passwords in a "
                        f"row: try again after {until}",
                    )
                )
            elif len(current) > MAX_PASSWORD or not self._verify(user.password_hash, current):
                self._count_failure(uow, user, now)
                problems.append(Problem("current_password", CURRENT_WRONG))
            problems += [
                Problem("new_password", p.message) for p in check_password(new_password, user.email)
            ]
            if not problems and new_password == current:
                problems.append(Problem("new_password", "must differ from the current password"))
            if not problems:
                user.password_hash = self.hasher.hash(new_password)
                user.failed_sign_ins = 0
                user.locked_until = None
                ended = uow.accounts.web_sessions.delete_for_user_except(user.id, keep_session)
                uow.flush()
        # Raised after the transaction: a counted failure is kept.
        if problems:
            raise ValidationError("password", problems)
        return ended

    # -- the secret key ---------------------------------------------------------------------

    def secret_key(self) -> str:
        """The app's secret key: made with ``secrets`` the first time it is asked for and
        stored with the data (never in the repository or the environment)."""
        with self.ctx.uow() as uow:
            found = uow.accounts.secrets.get(SECRET_KEY)
            if found is not None:
                return found
            return uow.accounts.secrets.add_once(
                SECRET_KEY, secrets.token_urlsafe(48), self.ctx.now()
            )

    # -- export and deletion ----------------------------------------------------------------

    def export_all(self, user_id: int) -> dict[str, Any]:
        """Every row of the account and its athlete, as JSON-ready data (the backup's row
        form): profile versions, programmes, self-tests, sessions and items, runs,
        decisions, memberships, assignments, and - for a coach - groups, templates and own
        exercises. Secrets (password hash, lock state, session and reset tokens) are left
        out."""
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            return _export(uow, user.id, user.athlete_id)

    def export_athlete(self, athlete_id: int) -> dict[str, Any]:
        """The same for an athlete (one-person mode has no account; a linked one is
        included)."""
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            user = uow.accounts.users.by_athlete(athlete_id)
            return _export(uow, user.id if user else None, athlete_id)

    def delete_account(self, user_id: int) -> dict[str, int]:
        """Delete the account and every row of its athlete (and, for a coach, their groups,
        templates and exercises), explicitly table by table; rows deleted per table."""
        with self.ctx.uow() as uow:
            user = self._user(uow, user_id)
            self._keep_an_admin(uow, user, "deleted")
            return _delete(uow, user.id, user.athlete_id)

    def delete_athlete(self, athlete_id: int) -> dict[str, int]:
        """Delete an athlete's every row (and the account linked to it, if any)."""
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            user = uow.accounts.users.by_athlete(athlete_id)
            if user is not None and user.role == Role.ADMIN:
                raise FootcoreError("this athlete belongs to an admin account: delete it as one")
            return _delete(uow, user.id if user else None, athlete_id)

    # -- internals --------------------------------------------------------------------------

    def _user(self, uow: UnitOfWork, user_id: int) -> UserRecord:
        user = uow.accounts.users.get(user_id)
        if user is None:
            raise NotFoundError("account", str(user_id))
        return user

    @staticmethod
    def _keep_an_admin(uow: UnitOfWork, user: UserRecord, change: str) -> None:
        """The rule that there is always an admin, in one place: an admin account may lose
        its role or be deleted only while another admin account exists. The admin rows
        are locked for the rest of the transaction, so two admins changing each other at
        the same moment cannot both pass."""
        if user.role != Role.ADMIN:
            return
        others = [u for u in uow.accounts.users.admins(lock=True) if u.id != user.id]
        if not others:
            raise FootcoreError(
                f"{user.email} is the only admin account, so it cannot be {change}: make "
                "another account an admin first (on the Accounts page, or with footcore admin "
                "create-user EMAIL --role admin)"
            )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def principal_of(uow: UnitOfWork, user: UserRecord) -> Principal:
    groups = uow.accounts.groups
    member = [g.id for g in groups.of_athlete(user.athlete_id)] if user.athlete_id else []
    owned: list[int] = []
    coached: set[int] = set()
    if user.role in (Role.COACH, Role.ADMIN):
        owned = [g.id for g in groups.of_coach(user.id)]
        coached = groups.coached_athletes(user.id)
    return Principal.for_user(
        user.id,
        user.role,
        user.athlete_id,
        member_groups=member,
        owned_groups=owned,
        coached_athletes=coached,
    )


#: Columns an account export leaves out: what checks a password or a calendar address
#: (their secrets are never stored, but these would let someone test guesses offline), and
#: the lockout's bookkeeping.
_HAS_TRAINING_DATA = Problem("athlete", "this account already has training data")
_BELONGS_ELSEWHERE = Problem("athlete", "this athlete already belongs to an account")


def require_unlinked(uow: UnitOfWork, user_id: int) -> None:
    """The account exists and has no training data yet."""
    user = uow.accounts.users.get(user_id)
    if user is None:
        raise NotFoundError("account", str(user_id))
    if user.athlete_id is not None:
        raise ValidationError("account", [_HAS_TRAINING_DATA])


def link_account(uow: UnitOfWork, user_id: int, athlete_id: int) -> None:
    """Link the account to the athlete, only while it still has none. The one rule for
    every link (onboarding, :meth:`AccountService.link_athlete`): a link made by a
    concurrent transaction since the caller's checks fails this one (rolled back whole),
    on the account (it has training data now) or on the athlete (users.athlete_id is
    unique: another account took it)."""
    linked = uow.accounts.users.link_athlete(user_id, athlete_id)
    if linked == "taken":
        raise ValidationError("account", [_BELONGS_ELSEWHERE])
    if linked == "has-athlete":
        raise ValidationError("account", [_HAS_TRAINING_DATA])


def _export(uow: UnitOfWork, user_id: int | None, athlete_id: int | None) -> dict[str, Any]:
    tables = uow.owned.export(user_id, athlete_id)
    return {"format": EXPORT_FORMAT, "schema": HEAD, "tables": tables}


def _delete(uow: UnitOfWork, user_id: int | None, athlete_id: int | None) -> dict[str, int]:
    if athlete_id is not None:
        _record_leaving_studies(uow, athlete_id)
    return uow.owned.delete(user_id, athlete_id)


def _record_leaving_studies(uow: UnitOfWork, athlete_id: int) -> None:
    """For each study the athlete took part in, an audit event that a participant's data
    were deleted: it names their study code, never the athlete (the allocation log keeps
    the code, so the study can account for every allocation)."""
    for row in uow.outcomes.studies.participations(athlete_id):
        study = uow.outcomes.studies.get(row.study_id)
        assert study is not None
        uow.outcomes.audit.add(
            "participant-deleted",
            utc_now(),
            group_id=study.group_id,
            study_id=study.id,
            detail={"code": row.code},
        )


__all__ = [
    "CURRENT_WRONG",
    "LOCKOUT_AFTER",
    "LOCKOUT_MINUTES",
    "MIN_PASSWORD",
    "RESET_HOURS",
    "SESSION_DAYS",
    "AccountRow",
    "AccountService",
    "NewSession",
    "ResetToken",
    "SessionView",
    "SignInError",
    "UserView",
    "access",
    "principal_of",
]
