"""The demo accounts to log in with: fixed phones, one easy password, printed at the end."""

from dataclasses import dataclass

from hoaban.accounts.phone import display_phone, normalize_phone

from .organisations import BAC_KAN
from .plan import MANAGED_BY_LOGIN

DEMO_PASSWORD = "hoaban-demo"  # noqa: S105 -- the public demo password, printed on purpose
AGENT_COMMUNES = ("Xã Na Rì", "Xã Côn Minh", "Xã Văn Lang", "Xã Ba Bể", "Xã Chợ Đồn")
OFFICER_PROVINCES = (19, 68)  # Thái Nguyên, Lâm Đồng


@dataclass(frozen=True)
class DemoLogin:
    role: str  # shown in the table
    phone: str
    full_name: str
    role_kind: str = ""  # accounts.Role.Kind
    org_slug: str = ""  # membership (as manager unless org_role says otherwise)
    org_role: str = "manager"
    superuser: bool = False
    ethnicity: str = ""
    home_commune: tuple[int, str] | None = None  # (former province, commune name)


DEMO_LOGINS = (
    DemoLogin("admin", "0900000001", "Quản trị viên Hoa Ban", "admin", superuser=True),
    DemoLogin("buyer", "0900000002", "Nguyễn Thu Hà", "buyer", "cong-ty-thuc-pham-bon-mua"),
    DemoLogin("buyer", "0900000003", "Trần Minh Anh", "buyer", "cong-ty-dac-san-vung-cao"),
    DemoLogin(
        "mentor",
        "0900000004",
        "Lê Thị Hồng Nhung",
        "mentor",
        "trung-tam-ho-tro-phu-nu-vung-cao",
        "member",
    ),
    DemoLogin(
        "field agent",
        "0900000005",
        "Nông Thị Hạnh",
        "agent",
        ethnicity="02",
        home_commune=(BAC_KAN, "Xã Na Rì"),
    ),
    DemoLogin(
        "programme officer",
        "0900000006",
        "Phạm Thị Lan",
        "officer",
        "trung-tam-ho-tro-phu-nu-vung-cao",
    ),
    DemoLogin(
        "cooperative manager",
        "0900000007",
        "Hoàng Thị Mai",
        "",
        MANAGED_BY_LOGIN,
        ethnicity="02",
        home_commune=(BAC_KAN, "Xã Na Rì"),
    ),
)


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(role, phone as people write it, name, password) for the table printed at the end."""
    return [
        (login.role, display_phone(normalize_phone(login.phone)), login.full_name, DEMO_PASSWORD)
        for login in DEMO_LOGINS
    ]
