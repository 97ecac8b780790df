"""Crafts the demo cooperatives make: the brocades of the Dao, Tày, H'Mông, M'Nông, Cơ Tu."""

from .kinds import Item, Theme

CRAFTS: dict[str, Theme] = {
    "tho_cam_dao": Theme(
        "đồ thêu thổ cẩm Dao",
        "Thổ cẩm người Dao thêu tay bằng chỉ đỏ, vàng, trắng trên nền vải chàm, hoa văn hình "
        "cây thông, con chim, dấu chân hổ. Mỗi sản phẩm mất nhiều ngày thêu.",
        (
            "Con gái người Dao học thêu từ năm bảy, tám tuổi. Bộ áo cưới tự thêu là niềm tự hào "
            "của mỗi cô gái; những hoa văn kể lại chuyện núi rừng và tổ tiên.",
            "Chị em người Dao ở {place} thêu vào những buổi tối sau ngày làm nương. Nhờ bán "
            "hàng trên mạng, nghề thêu trở thành nguồn thu nhập đều đặn.",
        ),
        (
            Item("TD", "Khăn thêu Dao đỏ", "tho-cam", "piece", (150000, 250000), 150),
            Item("TD", "Túi thổ cẩm Dao", "tho-cam", "piece", (180000, 320000), 300),
            Item("TD", "Áo thêu tay người Dao", "tho-cam", "piece", (700000, 1200000), 600),
            Item("TD", "Ví thổ cẩm Dao", "tho-cam", "piece", (60000, 90000), 80),
        ),
        "Thêu tay tại {place}.",
    ),
    "tho_cam_tay": Theme(
        "vải thổ cẩm Tày",
        "Vải thổ cẩm Tày dệt trên khung cửi gỗ, sợi bông nhuộm chàm và màu từ lá cây rừng, "
        "hoa văn hình thoi, hình sao tám cánh.",
        (
            "Tấm chăn thổ cẩm là của hồi môn mẹ dệt cho con gái ngày về nhà chồng. Người Tày "
            "ở {place} vẫn giữ khung cửi trong nhà sàn.",
            "Tiếng khung cửi lách cách dưới gầm nhà sàn là âm thanh quen thuộc của bản Tày. "
            "Hợp tác xã giúp chị em có đơn hàng đều để giữ nghề.",
        ),
        (
            Item("TT", "Vải thổ cẩm Tày {place}", "tho-cam", "metre", (250000, 400000), 300),
            Item("TT", "Chăn thổ cẩm Tày", "tho-cam", "piece", (900000, 1500000), 1500),
            Item("TT", "Túi đeo thổ cẩm Tày", "tho-cam", "piece", (200000, 300000), 300),
        ),
        "Dệt tay trên khung cửi tại {place}.",
    ),
    "tho_cam_mong": Theme(
        "vải lanh Mông",
        "Vải lanh người Mông vẽ sáp ong, nhuộm chàm và thêu tay; hoa văn xoắn ốc, hình vuông "
        "như ruộng bậc thang.",
        (
            "Từ cây lanh đến tấm váy, người phụ nữ Mông làm mọi công đoạn: tước sợi, dệt, vẽ "
            "sáp ong, nhuộm chàm. Một chiếc váy có khi mất cả năm.",
            "Phụ nữ Mông ở {place} vừa đi nương vừa xe lanh. Hoa văn sáp ong là cách họ kể "
            "chuyện về núi, về ruộng bậc thang và về gia đình.",
        ),
        (
            Item("LM", "Khăn lanh vẽ sáp ong", "tho-cam", "piece", (180000, 280000), 150),
            Item("LM", "Túi thổ cẩm Mông", "tho-cam", "piece", (200000, 350000), 300),
            Item("LM", "Vải lanh nhuộm chàm {place}", "tho-cam", "metre", (300000, 450000), 300),
        ),
        "Dệt, vẽ sáp và nhuộm chàm tại {place}.",
    ),
    "tho_cam_mnong": Theme(
        "thổ cẩm M'Nông",
        "Thổ cẩm M'Nông dệt trên khung dệt đeo lưng, nền đen, hoa văn đỏ, trắng, vàng hình "
        "mắt chim, hình cây, hình ngôi nhà dài.",
        (
            "Phụ nữ M'Nông ngồi duỗi chân bên khung dệt đeo lưng, sợi dọc căng từ cột nhà tới "
            "thắt lưng người dệt. Mỗi hoa văn là một câu chuyện của bon làng.",
            "Ngày trước, cô gái M'Nông phải biết dệt mới được xem là khéo léo. Nay chị em ở "
            "{place} dệt để giữ nghề và bán cho khách ở xa.",
        ),
        (
            Item("TM", "Khăn thổ cẩm M'Nông", "tho-cam", "piece", (200000, 300000), 200),
            Item("TM", "Váy thổ cẩm M'Nông", "tho-cam", "piece", (800000, 1400000), 800),
            Item("TM", "Túi thổ cẩm M'Nông", "tho-cam", "piece", (180000, 280000), 300),
            Item("TM", "Vải dệt tay M'Nông", "tho-cam", "metre", (300000, 450000), 300),
        ),
        "Dệt tay tại {place}.",
    ),
    "tho_cam_cotu": Theme(
        "thổ cẩm Cơ Tu",
        "Thổ cẩm Cơ Tu dệt hạt cườm trắng vào sợi vải đen, đỏ, hoa văn hình người nắm tay "
        "nhau, hình cây lúa.",
        (
            "Người Cơ Tu dệt hạt cườm vào tấm vải khi đang dệt, chứ không đính sau. Hoa văn "
            "hạt cườm là niềm tự hào của phụ nữ Cơ Tu ở {place}.",
        ),
        (
            Item("TC", "Khăn dệt hạt cườm Cơ Tu", "tho-cam", "piece", (250000, 400000), 200),
            Item("TC", "Túi thổ cẩm Cơ Tu", "tho-cam", "piece", (200000, 320000), 300),
            Item("TC", "Váy dệt Cơ Tu", "tho-cam", "piece", (900000, 1500000), 800),
        ),
        "Dệt tay tại {place}.",
    ),
}
