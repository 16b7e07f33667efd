"""Staff accounts, roles and the permission check every service makes.

Why here and not in the GUI: the CLI, the GUI and any script share the services, so a role is
only enforced if the service itself refuses.  Each service calls :func:`require` with the
permission it needs; the signed-in account travels on the ``Ward`` object (``ward.user``).

A database with no account yet (just created by ``wardapp init``, or from before accounts
existed) is in *setup mode*: there is nobody to sign in as, so services run and events record the
actor name given.  The GUI never works in setup mode: it makes the first administrator create an
account before the window opens; ``wardapp user add --role admin`` does the same on the CLI.
Anyone who can open the SQLite file can bypass any of this anyway; the hash chain
(``wardapp.trust.chain``) is what makes such a bypass visible.

Passwords are hashed with scrypt (memory-hard, in Python's standard library: no extra
dependency) at N=2^15, r=8 (32 MiB, ~0.1 s here), with a random salt; the parameters are stored
with each hash so they can be raised later without locking anyone out.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from db.models import Office, Staff
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import NotFoundError, ValidationError, WardError
from wardapp.common.text import nfc

ROLES = {
    "clerk": "Công chức một cửa",
    "leader": "Lãnh đạo",
    "city": "Cán bộ thành phố",
    "admin": "Quản trị",
}

# What each role may do.  "read" is every screen and report.  A leader does everything a clerk
# does and signs; the administrator manages accounts and restores backups but does not handle
# dossiers (separation of duties: the person who can restore history does not write it).
PERMISSIONS = {
    "clerk": {"read", "dossier", "export", "backup"},
    "leader": {"read", "dossier", "export", "backup", "sign", "settings"},
    "city": {"read", "import", "export", "backup", "settings"},
    "admin": {"read", "backup", "accounts", "restore", "settings"},
}

PERMISSION_LABELS = {
    "read": "xem dữ liệu",
    "dossier": "tiếp nhận và cập nhật hồ sơ",
    "export": "xuất gói dữ liệu",
    "backup": "sao lưu",
    "sign": "ký thư xin lỗi và cam kết",
    "settings": "thay đổi cài đặt",
    "import": "nhập gói dữ liệu của phường/xã",
    "accounts": "quản lý tài khoản",
    "restore": "khôi phục cơ sở dữ liệu",
}

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# The one answer to every failed sign-in (see sign_in): it names the lock-out as a possibility
# so a person locked out knows to wait, without saying whether that is the case.
WRONG = (
    f"Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khoá vì nhập sai "
    f"{MAX_FAILURES} lần liền (thử lại sau {LOCKOUT.seconds // 60} phút hoặc nhờ quản trị mở khoá)."
)


class PermissionDenied(WardError):
    pass


class LoginError(WardError):
    pass


@dataclass(frozen=True)
class User:
    id: int
    username: str
    full_name: str
    role: str

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, set())

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


# -- passwords ---------------------------------------------------------------------------------


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # NFC only (Unikey may send composed or decomposed marks); spaces are part of a password
    return hashlib.scrypt(
        unicodedata.normalize("NFC", password).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=2 * 128 * n * r + 1024 * 1024,
        dklen=dklen,
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def check_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, key = stored.split("$")
        n, r, p = int(n), int(r), int(p)
        expected = base64.b64decode(key)
        got = _scrypt(password, base64.b64decode(salt), n, r, p, len(expected))
    except (ValueError, TypeError):
        return False
    return algo == "scrypt" and hmac.compare_digest(got, expected)


def check_new_password(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("Mật khẩu", f"cần ít nhất {MIN_PASSWORD} ký tự")
    if password.strip().lower() == username.lower():
        raise ValidationError("Mật khẩu", "không được trùng tên đăng nhập")


# -- who may do what ---------------------------------------------------------------------------


def setup_mode(ward) -> bool:
    """True while the database has no account (see the module docstring)."""
    if ward._has_accounts is None:
        with ward.read() as s:
            ward._has_accounts = bool(
                s.scalar(select(func.count(Staff.id)).where(Staff.password_hash.is_not(None)))
            )
    return not ward._has_accounts


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def who_may(permission: str) -> str:
    """ "Chỉ lãnh đạo được ký thư xin lỗi và cam kết": the roles that hold ``permission``, so a
    refused user learns whom to ask rather than only that they may not."""
    roles = [_lower_first(label) for r, label in ROLES.items() if permission in PERMISSIONS[r]]
    what = PERMISSION_LABELS.get(permission, permission)
    return f"Chỉ {', '.join(roles)} được {what}" if roles else f"Không tài khoản nào được {what}"


def refusal(ward, permission: str) -> str | None:
    """Why the signed-in account may not use ``permission`` (None when it may).  The window
    greys an action by this and :func:`require` refuses by it, so both say the same."""
    user = ward.user
    if user is None:
        if setup_mode(ward):
            return None
        return (
            "Cần đăng nhập: cơ sở dữ liệu này có tài khoản (dòng lệnh: đặt WARDAPP_USER và "
            "WARDAPP_PASSWORD, hoặc dùng --user)."
        )
    if not user.can(permission):
        return (
            f"{who_may(permission)} (tài khoản {user.username} là {_lower_first(user.role_label)})."
        )
    return None


def require(ward, permission: str) -> User | None:
    """Refuse unless the signed-in account's role has ``permission`` (None in setup mode)."""
    reason = refusal(ward, permission)
    if reason is not None:
        raise PermissionDenied(reason)
    return ward.user


def actor(ward, permission: str, typed: str = "") -> str:
    """Check ``permission`` and return the name events record: the signed-in account, or in
    setup mode the name the caller typed."""
    user = require(ward, permission)
    return user.username if user is not None else (nfc(typed) or "setup")


# -- signing in --------------------------------------------------------------------------------


def sign_in(ward, username: str, password: str) -> User:
    """Check the password; count failures and lock the account after ``MAX_FAILURES`` in a row
    for ``LOCKOUT``.

    Every failure gets the one answer ``WRONG``, whatever the cause: a name that does not exist,
    a wrong password, or an account locked out (whatever password is typed, the right one too).
    Saying "tạm khoá" only for a locked account would tell anyone who tries five times which
    names are real, and checking the password of a locked account would keep answering a
    guesser the lock is meant to stop.  Every path takes the write lock and computes one scrypt
    hash, so they also take about the same time.  Who is locked out is for the administrator
    to see (Cài đặt → Tài khoản) and lift."""
    username = nfc(username).lower()
    now = now_local()
    wrong = LoginError(WRONG)
    with ward.write() as s:
        st = s.scalars(select(Staff).where(func.lower(Staff.username) == username)).first()
        if st is None or st.password_hash is None:
            check_password(password, _dummy_hash())
            raise wrong
        if st.locked_until is not None and st.locked_until > now:
            check_password(password, st.password_hash)  # the same work; the answer is unused
            raise wrong
        if not check_password(password, st.password_hash):
            st.failed_logins += 1
            if st.failed_logins >= MAX_FAILURES:
                st.locked_until, st.failed_logins = now + LOCKOUT, 0
            failed = True
        else:
            st.failed_logins, st.locked_until = 0, None
            failed = False
        # only someone who knows the password learns that the account was stopped
        inactive = not failed and not st.active
        user = User(st.id, st.username, st.full_name, st.role)
    if failed:
        raise wrong
    if inactive:
        raise LoginError("Tài khoản đã ngừng hoạt động.")
    ward.user = user
    return user


@functools.cache
def _dummy_hash() -> str:
    """Made on first need, not at import: every ``wardapp`` command imports this module."""
    return hash_password("not-a-password")


def sign_out(ward) -> None:
    ward.user = None


# -- accounts (administrator) ------------------------------------------------------------------


def add_account(
    ward, username: str, full_name: str, role: str, password: str, *, title: str = ""
) -> User:
    """Create an account (or give an existing staff name a password).  The first account of a
    database must be an administrator; after that only an administrator adds accounts."""
    first = setup_mode(ward)
    if not first:
        require(ward, "accounts")
    username = nfc(username).lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise ValidationError("Tên đăng nhập", "chỉ dùng chữ, số, dấu chấm, gạch dưới")
    full_name = validation.required_text(full_name, "Họ tên")
    if role not in ROLES:
        raise ValidationError("Vai trò", f"'{role}' không có (chọn: {', '.join(ROLES)})")
    if first and role != "admin":
        raise ValidationError("Vai trò", "tài khoản đầu tiên phải là quản trị (admin)")
    check_new_password(password, username)
    pw = hash_password(password)
    with ward.write() as s:
        office = s.scalars(select(Office).order_by(Office.id)).first()
        if office is None:
            raise WardError("Cơ sở dữ liệu chưa có thông tin cơ quan: khởi tạo trước.")
        st = s.scalars(select(Staff).where(func.lower(Staff.username) == username)).first()
        if st is not None and st.password_hash is not None:
            raise ValidationError("Tên đăng nhập", f"'{username}' đã có")
        if st is None:
            st = Staff(office_id=office.id, username=username)
            s.add(st)
        st.full_name, st.role, st.password_hash = full_name, role, pw
        st.title = nfc(title) or st.title or ""
        st.active, st.failed_logins, st.locked_until = True, 0, None
        s.flush()
        user = User(st.id, st.username, st.full_name, st.role)
    ward.invalidate()
    return user


def _account(s, username: str) -> Staff:
    st = s.scalars(select(Staff).where(func.lower(Staff.username) == nfc(username).lower())).first()
    if st is None or st.password_hash is None:
        raise NotFoundError(f"Không có tài khoản '{username}'.")
    return st


def set_password(ward, username: str, new_password: str, *, old_password: str | None = None):
    """An administrator resets anyone's password; a user changes their own with the old one."""
    user = ward.user
    own = user is not None and user.username == nfc(username).lower()
    if not own:
        require(ward, "accounts")
    check_new_password(new_password, username)
    pw = hash_password(new_password)
    with ward.write() as s:
        st = _account(s, username)
        if (
            own
            and not (user.can("accounts"))
            and not check_password(old_password or "", st.password_hash)
        ):
            raise ValidationError("Mật khẩu cũ", "không đúng")
        st.password_hash, st.failed_logins, st.locked_until = pw, 0, None


def update_account(ward, username: str, *, role: str | None = None, active: bool | None = None):
    """Change a role, disable or re-enable (accounts are never deleted: events name them)."""
    me = require(ward, "accounts")
    with ward.write() as s:
        st = _account(s, username)
        if role is not None:
            if role not in ROLES:
                raise ValidationError("Vai trò", f"'{role}' không có")
            st.role = role
        if active is not None:
            st.active = active
            st.locked_until = None if active else st.locked_until
        s.flush()
        admins = s.scalar(
            select(func.count(Staff.id)).where(
                Staff.role == "admin", Staff.active.is_(True), Staff.password_hash.is_not(None)
            )
        )
        if not admins:
            raise ValidationError("Vai trò", "phải còn ít nhất một quản trị đang hoạt động")
    if me is not None and me.username == st.username and role is not None:
        ward.user = User(me.id, me.username, me.full_name, role)


def unlock(ward, username: str) -> None:
    require(ward, "accounts")
    with ward.write() as s:
        st = _account(s, username)
        st.failed_logins, st.locked_until = 0, None


def list_accounts(ward) -> list[dict]:
    require(ward, "read")
    with ward.read() as s:
        return [
            {
                "username": st.username,
                "full_name": st.full_name,
                "title": st.title,
                "role": st.role,
                "active": st.active,
                "account": st.password_hash is not None,
                "locked_until": st.locked_until,
            }
            for st in s.scalars(select(Staff).order_by(Staff.username))
        ]
