"""The demo organisations: fictional names in real communes (pure data).

Communes are looked up by name inside a former province (pre-2025 code): 6 = Bắc Kạn (now in
Thái Nguyên), 67 = Đắk Nông (now in Lâm Đồng), and the replication provinces' former parts.
The 26 Bắc Kạn cooperatives mirror the pilot ("11 of 26 cooperatives in Bắc Kạn upgraded
their production technology"): `technology=True` marks those 11.
"""

from dataclasses import dataclass

from .names import COTU, DAO, EDE, KINH, MA, MNONG, MONG, MUONG, NUNG, TAY, THAI, XODANG

BAC_KAN, DAK_NONG = 6, 67
HA_NOI, HO_CHI_MINH, THAI_NGUYEN_OLD = 1, 79, 19

# Who lives around an organisation besides its main people (weights).
REGION_PEOPLES = {
    BAC_KAN: {TAY: 50, DAO: 20, NUNG: 15, MONG: 10, KINH: 5},
    DAK_NONG: {MNONG: 40, EDE: 25, MA: 20, TAY: 5, NUNG: 5, KINH: 5},
    10: {MONG: 60, DAO: 30, TAY: 10},  # Lào Cai
    14: {THAI: 60, MONG: 40},  # Sơn La
    2: {MONG: 60, DAO: 25, TAY: 15},  # Hà Giang → Tuyên Quang
    17: {MUONG: 90, KINH: 10},  # Hòa Bình → Phú Thọ
    62: {XODANG: 100},  # Kon Tum → Quảng Ngãi
    49: {COTU: 100},  # Quảng Nam → Đà Nẵng
}


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    name: str
    kind: str  # Organisation.Kind value
    former: int  # former province code
    commune: str
    people: str = TAY  # ethnic group code of most members
    themes: tuple[str, ...] = ()
    technology: bool = False
    members: int = 7
    village: str = ""


def _coop(slug, name, commune, people, themes, technology=False, village="", members=7):
    return OrgSpec(slug, name, "coop", BAC_KAN, commune, people, themes, technology, members,
                   village)  # fmt: skip


# fmt: off
BAC_KAN_COOPS = [
    _coop("htx-mien-dong-hoa-ban-na-ri", "Hợp tác xã Miến dong Hoa Ban Na Rì", "Xã Na Rì", TAY,
          ("mien_dong",), True, "Nà Mây", 10),
    _coop("htx-mien-dong-khuoi-mon", "Hợp tác xã Miến dong Khuổi Mòn", "Xã Côn Minh", TAY,
          ("mien_dong", "khoai_bi"), True, "Khuổi Mòn"),
    _coop("htx-nong-san-ban-chang", "Hợp tác xã Nông sản Bản Chang", "Xã Văn Lang", TAY,
          ("khoai_bi", "mien_dong"), False, "Bản Chang"),
    _coop("htx-tho-cam-dao-nam-cam", "Hợp tác xã Thổ cẩm Dao Nặm Cắm", "Xã Ba Bể", DAO,
          ("tho_cam_dao",), False, "Nặm Cắm", 9),
    _coop("htx-che-shan-tuyet-phja-deng", "Hợp tác xã Chè Shan tuyết Phja Đeng", "Xã Chợ Đồn",
          TAY, ("che",), True, "Phja Đeng", 9),
    _coop("htx-che-nui-khau-ma", "Hợp tác xã Chè núi Khau Mạ", "Xã Nghĩa Tá", DAO, ("che",),
          False, "Khau Mạ"),
    _coop("htx-gung-nghe-pac-nam", "Hợp tác xã Gừng nghệ Pác Nặm", "Xã Ngân Sơn", NUNG,
          ("gung_nghe",), True, "Pác Nặm"),
    _coop("htx-quyt-phja-bjooc", "Hợp tác xã Quýt Phja Bjoóc", "Xã Bạch Thông", TAY,
          ("cam_quyt",), True, "Phja Bjoóc", 8),
    _coop("htx-hong-khuoi-vai", "Hợp tác xã Hồng không hạt Khuổi Vài", "Xã Quảng Bạch", TAY,
          ("hong",), True, "Khuổi Vài"),
    _coop("htx-nep-pac-ngoi", "Hợp tác xã Nếp Khẩu nua lếch Pác Ngòi", "Xã Chợ Rã", TAY,
          ("nep",), True, "Pác Ngòi", 8),
    _coop("htx-cam-quyt-na-lai", "Hợp tác xã Cam quýt Nà Lài", "Xã Cẩm Giàng", NUNG,
          ("cam_quyt",), False, "Nà Lài"),
    _coop("htx-hong-phu-thong", "Hợp tác xã Hồng Phủ Thông Xanh", "Xã Phủ Thông", TAY,
          ("hong", "khoai_bi"), True, "Nà Pài"),
    _coop("htx-nong-lam-khuoi-slung", "Hợp tác xã Nông lâm Khuổi Slung", "Xã Nà Phặc", NUNG,
          ("gung_nghe", "khoai_bi"), False, "Khuổi Slung"),
    _coop("htx-mat-ong-khau-vai", "Hợp tác xã Mật ong Khau Vài", "Xã Thượng Minh", DAO,
          ("mat_ong",), True, "Khau Vài"),
    _coop("htx-det-tho-cam-na-vai", "Hợp tác xã Dệt thổ cẩm Nà Vài", "Xã Yên Phong", TAY,
          ("tho_cam_tay",), False, "Nà Vài"),
    _coop("htx-cam-thanh-van", "Hợp tác xã Cam Thanh Vận", "Xã Chợ Mới", TAY, ("cam_quyt",),
          False, "Bản Đồn"),
    _coop("htx-dac-san-gac-bep-thanh-mai", "Hợp tác xã Đặc sản gác bếp Thanh Mai",
          "Xã Thanh Mai", TAY, ("gac_bep",), True, "Nà Cà"),
    _coop("htx-tho-cam-che-song-cau", "Hợp tác xã Thổ cẩm và Chè Sông Cầu", "Phường Bắc Kạn",
          TAY, ("tho_cam_tay", "che"), False, "Tổ 5", 6),
    _coop("htx-nong-san-duc-xuan", "Hợp tác xã Nông sản sạch Đức Xuân", "Phường Đức Xuân",
          TAY, ("gac_bep", "mien_dong"), False, "Tổ 9", 6),
    _coop("htx-mat-ong-bang-thanh", "Hợp tác xã Ong mật Bằng Thành", "Xã Bằng Thành", DAO,
          ("mat_ong", "tho_cam_dao"), False, "Nà Lạn"),
    _coop("htx-khoai-mon-cao-minh", "Hợp tác xã Khoai môn Cao Minh", "Xã Cao Minh", TAY,
          ("khoai_bi",), False, "Khuổi Khỉ"),
    _coop("htx-hong-hiep-luc", "Hợp tác xã Hồng Hiệp Lực", "Xã Hiệp Lực", TAY, ("hong",),
          False, "Nà Hin"),
    _coop("htx-tho-cam-mong-phuc-loc", "Hợp tác xã Lanh Mông Phúc Lộc", "Xã Phúc Lộc", MONG,
          ("tho_cam_mong", "mat_ong"), False, "Khuổi Ha"),
    _coop("htx-nep-yen-binh", "Hợp tác xã Nếp cái hoa vàng Yên Bình", "Xã Yên Bình", TAY,
          ("nep",), True, "Nà Cọ"),
    _coop("htx-duoc-lieu-thuong-quan", "Hợp tác xã Dược liệu Thượng Quan", "Xã Thượng Quan",
          DAO, ("gung_nghe",), False, "Khau Ca"),
    _coop("htx-nong-san-cuong-loi", "Hợp tác xã Nông sản Cường Lợi", "Xã Cường Lợi", TAY,
          ("khoai_bi", "nep"), False, "Bản Chiêng"),
]

DAK_NONG_ORGS = [
    OrgSpec("htx-ca-phe-bon-jun", "Hợp tác xã Cà phê Bon Jun", "coop", DAK_NONG, "Xã Đắk Mil",
            MNONG, ("ca_phe",), True, 9, "Bon Jun"),
    OrgSpec("to-det-tho-cam-bon-njang", "Tổ phụ nữ dệt thổ cẩm Bon N'Jang", "womens_group",
            DAK_NONG, "Phường Bắc Gia Nghĩa", MNONG, ("tho_cam_mnong",), False, 8, "Bon N'Jang"),
    OrgSpec("htx-ho-tieu-buon-choah", "Hợp tác xã Hồ tiêu Buôn Choáh", "coop", DAK_NONG,
            "Xã Krông Nô", EDE, ("ho_tieu",), True, 8, "Buôn Choáh"),
    OrgSpec("htx-mac-ca-tuy-duc", "Hợp tác xã Mắc ca Tuy Đức", "coop", DAK_NONG, "Xã Tuy Đức",
            MNONG, ("macca",), False, 9, "Bon Bu Prăng"),
    OrgSpec("htx-tieu-sach-dak-song", "Hợp tác xã Tiêu sạch Đắk Song", "coop", DAK_NONG,
            "Xã Đắk song", MA, ("ho_tieu", "ca_phe"), False, 8, "Bon Bu N'Drung"),
    OrgSpec("to-det-nam-nung", "Tổ phụ nữ dệt thổ cẩm Nâm Nung", "womens_group", DAK_NONG,
            "Xã Nâm Nung", MNONG, ("tho_cam_mnong",), False, 8, "Bon R'Cập"),
    OrgSpec("htx-bo-sau-rieng-quang-son", "Hợp tác xã Bơ sầu riêng Quảng Sơn", "coop",
            DAK_NONG, "Xã Quảng Sơn", MA, ("bo_sau_rieng",), False, 8, "Bon Ja Ráh"),
    OrgSpec("tho-ca-phe-mat-ong-cu-jut", "Tổ hợp tác Cà phê mật ong Cư Jút", "coop_group",
            DAK_NONG, "Xã Cư Jút", EDE, ("ca_phe", "mat_ong_caphe"), False, 8, "Buôn Trum"),
    OrgSpec("ho-kd-vuon-bo-dak-wil", "Hộ kinh doanh Vườn bơ Đắk Wil", "household", DAK_NONG,
            "Xã Đắk Wil", NUNG, ("bo_sau_rieng",), False, 4, "Thôn 13"),
    OrgSpec("ho-kd-hat-nhan-co", "Hộ kinh doanh Hạt ngon Nhân Cơ", "household", DAK_NONG,
            "Xã Nhân Cơ", MNONG, ("macca", "dieu"), False, 4, "Bon Bu Dấp"),
    OrgSpec("htx-ca-phe-duc-lap", "Hợp tác xã Cà phê phụ nữ Đức Lập", "coop", DAK_NONG,
            "Xã Đức Lập", MA, ("ca_phe", "mat_ong_caphe"), True, 9, "Bon Đắk R'Moan"),
]

REPLICATION_ORGS = [
    OrgSpec("to-lanh-mong-ban-ho", "Tổ phụ nữ Lanh Mông Bản Hồ", "womens_group", 10,
            "Xã Bản Hồ", MONG, ("tho_cam_mong",), False, 5, "Séo Mý Tỷ"),
    OrgSpec("htx-thao-qua-bat-xat", "Hợp tác xã Thảo quả Bát Xát", "coop", 10, "Xã Bát Xát",
            DAO, ("thao_qua",), False, 4, "Ná Lùng"),
    OrgSpec("htx-man-hau-moc-chau", "Hợp tác xã Mận hậu Mộc Châu Xanh", "coop", 14,
            "Phường Mộc Châu", THAI, ("son_la",), False, 4, "Bản Áng"),
    OrgSpec("htx-ong-bac-ha-hoang-su-phi", "Hợp tác xã Ong bạc hà Hoàng Su Phì", "coop", 2,
            "Xã Hoàng Su Phì", DAO, ("bac_ha",), False, 4, "Nậm Khòa"),
    OrgSpec("ho-kd-cam-cao-phong", "Hộ kinh doanh Cam đồi Cao Phong", "household", 17,
            "Xã Cao Phong", MUONG, ("cam_cao_phong",), False, 3, "Xóm Đồi"),
    OrgSpec("htx-sam-day-mang-den", "Hợp tác xã Sâm dây Măng Đen", "coop", 62, "Xã Măng Đen",
            XODANG, ("sam_day",), False, 4, "Kon Pring"),
    OrgSpec("to-det-co-tu-avuong", "Tổ phụ nữ dệt Cơ Tu Avương", "womens_group", 49,
            "Xã Avương", COTU, ("tho_cam_cotu",), False, 4, "Arớt"),
]

# Buyers and the agency sit outside the pilot provinces so the pilot counts stay exact.
OTHER_ORGS = [
    OrgSpec("cong-ty-thuc-pham-bon-mua", "Công ty TNHH Thực phẩm Bốn Mùa (minh họa)", "buyer",
            HA_NOI, "Phường Cầu Giấy", KINH, members=0, village="Số 12 phố Hoa Ban"),
    OrgSpec("cong-ty-dac-san-vung-cao", "Công ty CP Đặc sản Vùng cao Sài Gòn (minh họa)",
            "buyer", HO_CHI_MINH, "Phường Bến Thành", KINH, members=0, village="Số 8 đường Mẫu"),
    OrgSpec("sieu-thi-nong-san-xanh-thai-nguyen", "Siêu thị Nông sản Xanh Thái Nguyên (minh họa)",
            "buyer", THAI_NGUYEN_OLD, "Phường Phan Đình Phùng", KINH, members=0,
            village="Số 3 đường Ví dụ"),
    OrgSpec("trung-tam-ho-tro-phu-nu-vung-cao", "Trung tâm Hỗ trợ Phụ nữ vùng cao (minh họa)",
            "agency", HA_NOI, "Phường Ba Đình", KINH, members=0, village="Số 1 phố Mẫu"),
]
# fmt: on

ALL_ORGS = BAC_KAN_COOPS + DAK_NONG_ORGS + REPLICATION_ORGS + OTHER_ORGS

# The small set (browser tests, benchmarks): still has miến dong from Na Rì and a buyer.
SMALL_ORG_SLUGS = (
    "htx-mien-dong-hoa-ban-na-ri",
    "htx-che-shan-tuyet-phja-deng",
    "htx-tho-cam-dao-nam-cam",
    "htx-ca-phe-bon-jun",
    "to-det-tho-cam-bon-njang",
    "cong-ty-thuc-pham-bon-mua",
)

KIND_WORDS = {
    "coop": "hợp tác xã",
    "coop_group": "tổ hợp tác",
    "womens_group": "tổ phụ nữ",
    "household": "hộ kinh doanh",
}

STORY_OPENINGS = (
    "{name} được thành lập năm {year} tại thôn {village}, {commune}, {province}{former}.",
    "Năm {year}, {count} chị em người {people} ở thôn {village} ({commune}) cùng nhau lập nên "
    "{kind}.",
    "Từ năm {year}, {kind} ở thôn {village}, {commune} gom sản phẩm của {count} hộ người {people} "
    "để cùng bán.",
)
STORY_MIDDLES = (
    "Các thành viên làm {main} theo cách truyền thống, dùng nguyên liệu của bà con trong bản.",
    "Sản phẩm chính là {main}; mỗi gia đình làm một phần việc và chia lợi nhuận công bằng.",
    "Chị em chăm chút {main} từ khâu trồng, thu hái đến đóng gói, ghi rõ nguồn gốc từng lô.",
)
STORY_CHANGES = (
    "Từ khi tham gia chương trình 4M, {kind} đã bán hàng qua điện thoại, Zalo và Facebook.",
    "Nhờ được hướng dẫn làm bao bì và livestream, {kind} có thêm khách ở Hà Nội và TP. Hồ Chí "
    "Minh.",
    "Mỗi sản phẩm bán ra giúp chị em có thêm thu nhập, cho con đến trường.",
    "Chị {manager}, người quản lý, nói: bán được hàng ổn định thì chị em yên tâm giữ nghề.",
    "",
)
FICTION_NOTE = "Tên và câu chuyện là dữ liệu minh họa."

BUYER_STORY = (
    "{name} thu mua nông sản và hàng thủ công vùng cao để bán ở siêu thị và cửa hàng. "
    "Công ty tìm nguồn hàng ổn định, có truy xuất nguồn gốc. " + FICTION_NOTE
)
AGENCY_STORY = (
    "{name} hỗ trợ phụ nữ dân tộc thiểu số khởi nghiệp: tập huấn, kết nối người mua, đồng "
    "hành cùng hợp tác xã. " + FICTION_NOTE
)

IMPROVEMENTS = {
    "technology": (
        ("Lắp máy sấy năng lượng mặt trời thay phơi nắng ngoài trời", 120_000_000),
        ("Đầu tư dây chuyền tráng và cắt sợi bán tự động", 250_000_000),
        ("Dùng máy sao chè quay điện thay chảo gang", 85_000_000),
        ("Lắp hệ thống tưới nhỏ giọt cho vườn", 95_000_000),
        ("Mua máy xay, lọc tinh bột bằng thép không gỉ", 140_000_000),
        ("Dùng lò sấy nhiệt điều chỉnh được nhiệt độ", 110_000_000),
    ),
    "processing": (
        ("Xây nhà sơ chế đạt chuẩn an toàn thực phẩm", 180_000_000),
        ("Tập huấn quy trình sơ chế, phân loại sản phẩm", 15_000_000),
    ),
    "packaging": (
        ("Thiết kế bao bì mới có mã QR truy xuất nguồn gốc", 30_000_000),
        ("Mua máy hút chân không và hàn miệng túi", 25_000_000),
    ),
    "logistics": (
        ("Ký hợp đồng gửi hàng với đơn vị vận chuyển, giảm phí ship", 0),
        ("Làm kho lạnh nhỏ để giữ hàng lâu hơn", 160_000_000),
    ),
    "marketing": (
        ("Tập huấn bán hàng qua Zalo, Facebook và livestream", 10_000_000),
        ("Mở gian hàng trên sàn thương mại điện tử", 5_000_000),
    ),
    "quality": (
        ("Áp dụng quy trình VietGAP, ghi nhật ký sản xuất", 40_000_000),
        ("Gửi mẫu kiểm nghiệm chất lượng định kỳ", 8_000_000),
    ),
}
SUPPORTERS = (
    "Dự án 4M (UNDP)",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Chương trình OCOP tỉnh",
    "Vốn tự có của hợp tác xã",
)
