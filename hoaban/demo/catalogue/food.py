"""Food the demo cooperatives make: miến dong, rice, fruit, tea, honey, coffee, spices …"""

from .kinds import Item, Theme

FOOD: dict[str, Theme] = {
    "mien_dong": Theme(
        "miến dong",
        "Miến làm từ tinh bột củ dong riềng trồng trên nương {place}, phơi nắng tự nhiên, "
        "không chất tẩy trắng. Sợi dai, nấu không nát, có màu vàng nâu tự nhiên.",
        (
            "Người {people} ở {place} trồng dong riềng trên đồi từ tháng Ba, đào củ vào mùa "
            "đông rồi lọc bột, tráng bánh và phơi miến trên những giàn tre trước nhà.",
            "Mùa làm miến là mùa vui nhất của bản: cả nhà cùng lọc bột, tráng bánh, chia nhau "
            "những nắm miến đầu tiên. Công thức được các bà, các mẹ người {people} truyền lại.",
        ),
        (
            Item("MD", "Miến dong {place} gói 500 g", "gao-mien", "pack500g", (55000, 70000), 500),
            Item("MD", "Miến dong {place} túi 1 kg", "gao-mien", "pack1kg", (90000, 120000), 1000),
            Item("MD", "Miến dong sợi nhỏ hộp quà", "gao-mien", "box", (150000, 190000), 800),
            Item("BD", "Bột dong riềng {place}", "gao-mien", "pack1kg", (70000, 90000), 1000),
        ),
        "Dong riềng đào và lọc bột tại {place}, phơi nắng ba ngày.",
    ),
    "nep": Theme(
        "gạo nếp Khẩu nua lếch",
        "Gạo nếp Khẩu nua lếch hạt tròn, trắng đục, đồ xôi dẻo và thơm lâu, trồng trên ruộng "
        "bậc thang {place}.",
        (
            "Khẩu nua lếch trong tiếng {people} nghĩa là nếp dẻo như nhựa. Ngày Tết, lễ hội, "
            "người {people} dùng nếp này đồ xôi ngũ sắc và gói bánh chưng đen.",
            "Giống nếp cổ này chỉ cấy một vụ mỗi năm. Người {people} giữ giống qua nhiều đời "
            "và chọn những bông lúa đẹp nhất để làm giống cho năm sau.",
        ),
        (
            Item("KN", "Gạo nếp Khẩu nua lếch {place}", "gao-mien", "kg", (45000, 60000), 1000),
            Item("KN", "Nếp Khẩu nua lếch túi 5 kg", "gao-mien", "piece", (220000, 280000), 5000),
            Item("NC", "Gạo nếp cẩm {place}", "gao-mien", "kg", (50000, 65000), 1000),
            Item("BK", "Bánh khảo nếp {place}", "thuc-pham", "box", (60000, 80000), 400),
        ),
        "Lúa gặt trên ruộng bậc thang {place}, xay xát tại hợp tác xã.",
    ),
    "hong": Theme(
        "hồng không hạt",
        "Hồng không hạt quả vuông, vỏ vàng cam, ngọt thanh, giòn khi còn ương và mềm mọng khi "
        "chín. Trồng tại {place}, không dùng thuốc giấm chín.",
        (
            "Cây hồng không hạt đã có ở vùng đất này hàng trăm năm. Mỗi mùa thu, cả bản hái "
            "hồng, ngâm nước tro để quả giòn ngọt như cách người {people} vẫn làm.",
            "Những cây hồng già trước nhà là của hồi môn ông bà để lại. Người {people} ở "
            "{place} nói: hồng chín đỏ cây là mùa đoàn tụ.",
        ),
        (
            Item("HK", "Hồng không hạt {place}", "trai-cay", "kg", (35000, 55000), 1000),
            Item("HS", "Hồng sấy dẻo {place}", "trai-cay", "pack500g", (130000, 170000), 500),
            Item("HK", "Hộp quà hồng không hạt 3 kg", "trai-cay", "box", (150000, 190000), 3000),
        ),
        "Hái tại vườn hồng {place} vào sáng sớm.",
    ),
    "cam_quyt": Theme(
        "cam, quýt",
        "Quýt và cam trồng trên đồi {place}, vỏ mỏng, mọng nước, vị ngọt đậm chua nhẹ. "
        "Vườn chăm bằng phân chuồng ủ hoai.",
        (
            "Quýt vùng này nổi tiếng từ lâu. Người {people} ở {place} chỉ hái quả chín cây, "
            "xếp vào sọt tre lót lá chuối để quả không dập.",
            "Mỗi gốc cam, gốc quýt được chăm như người trong nhà. Chị em trong hợp tác xã "
            "cùng học cách tỉa cành, bón phân hữu cơ để quả ngọt đều.",
        ),
        (
            Item("QT", "Quýt {place}", "trai-cay", "kg", (30000, 45000), 1000),
            Item("CS", "Cam sành {place}", "trai-cay", "kg", (25000, 40000), 1000),
            Item("QH", "Hộp quà quýt {place} 5 kg", "trai-cay", "box", (200000, 260000), 5000),
        ),
        "Hái chín cây tại vườn đồi {place}.",
    ),
    "gung_nghe": Theme(
        "gừng, nghệ",
        "Gừng và nghệ trồng xen dưới tán rừng {place}, củ nhỏ, cay nồng và nhiều tinh dầu. "
        "Tinh bột nghệ lọc thủ công, không pha trộn.",
        (
            "Người {people} dùng gừng, nghệ để giữ ấm cơ thể trong mùa đông lạnh và chữa "
            "vết thương nhỏ. Bài thuốc ấy được các bà truyền cho con gái.",
            "Gừng trâu và nghệ nếp là hai cây thuốc quen thuộc trong vườn nhà người {people}. "
            "Chị em {place} sấy và lọc bột để bán quanh năm.",
        ),
        (
            Item("GG", "Gừng trâu {place}", "gia-vi", "kg", (30000, 45000), 1000),
            Item("TG", "Trà gừng {place}", "do-uong", "box", (45000, 65000), 250),
            Item("NG", "Tinh bột nghệ {place}", "thao-duoc", "pack500g", (180000, 260000), 500),
            Item("NV", "Nghệ vàng tươi {place}", "gia-vi", "kg", (25000, 35000), 1000),
        ),
        "Đào và sơ chế tại {place}.",
    ),
    "che": Theme(
        "chè Shan tuyết",
        "Chè Shan tuyết từ những cây chè cổ thụ trên núi cao {place}, búp có lông tơ trắng "
        "như tuyết. Nước vàng sáng, vị chát dịu, hậu ngọt.",
        (
            "Những cây chè Shan tuyết ở đây có cây hơn trăm tuổi. Người {people} trèo lên cây "
            "hái búp, sao chè bằng chảo gang trên bếp củi như ông bà vẫn làm.",
            "Sáng sớm, sương còn đọng trên lá, chị em người {people} đã lên núi hái chè. Chè "
            "được sao ngay trong ngày để giữ hương núi rừng.",
        ),
        (
            Item("ST", "Chè Shan tuyết {place} hộp 200 g", "che", "box", (150000, 250000), 200),
            Item("ST", "Chè búp Shan tuyết túi 500 g", "che", "pack500g", (250000, 400000), 500),
            Item("SH", "Hồng trà Shan tuyết {place}", "che", "box", (180000, 280000), 200),
            Item("BT", "Bạch trà Shan tuyết", "che", "box", (350000, 500000), 100),
        ),
        "Búp hái trên cây chè cổ thụ tại {place}, sao bằng chảo gang.",
    ),
    "mat_ong": Theme(
        "mật ong rừng",
        "Mật ong rừng khai thác tự nhiên ở {place}, sánh, thơm mùi hoa rừng, không pha đường.",
        (
            "Người {people} gác kèo cho ong về làm tổ trên những cây cổ thụ. Họ chỉ lấy một "
            "phần mật và để lại đủ cho đàn ong sống qua mùa đông.",
            "Nghề nuôi ong gắn với rừng: rừng còn thì ong còn. Chị em {place} cùng nhau giữ "
            "rừng và học cách lấy mật sạch, đóng chai ngay tại bản.",
        ),
        (
            Item(
                "MO", "Mật ong rừng {place} chai 500 ml", "mat-ong", "bottle", (250000, 350000), 700
            ),
            Item("MO", "Mật ong ngâm nghệ", "mat-ong", "bottle", (180000, 240000), 500),
            Item("MO", "Mật ong hoa rừng chai 1 lít", "mat-ong", "litre", (450000, 600000), 1400),
        ),
        "Mật quay tại {place}, lọc và đóng chai trong ngày.",
    ),
    "khoai_bi": Theme(
        "khoai môn, bí xanh",
        "Khoai môn và bí trồng trên nương {place}, bở, thơm, ngọt bùi; không dùng thuốc diệt cỏ.",
        (
            "Khoai môn là món quen của người {people} trong mâm cỗ Tết. Bí xanh thơm trồng "
            "trên nương sau vụ ngô, quả nhỏ mà thơm như có mùi lá dứa.",
            "Những quả bí, củ khoai được chị em {place} chọn giống từ vụ trước, trồng theo "
            "kinh nghiệm của cha mẹ.",
        ),
        (
            Item("KM", "Khoai môn {place}", "thuc-pham", "kg", (30000, 45000), 1000),
            Item("BX", "Bí xanh thơm {place}", "thuc-pham", "kg", (20000, 30000), 1000),
            Item("BD", "Bí đỏ nương {place}", "thuc-pham", "kg", (18000, 25000), 1000),
        ),
        "Thu hoạch trên nương {place}.",
    ),
    "gac_bep": Theme(
        "món gác bếp",
        "Thịt trâu, lạp sườn treo gác bếp hun khói củi nhiều ngày, ướp mắc khén và gừng núi.",
        (
            "Người {people} treo thịt trên gác bếp để dành cho mùa đông và ngày Tết. Khói củi "
            "rừng làm thịt thơm và để được lâu mà không cần chất bảo quản.",
            "Món gác bếp là món đãi khách quý của người {people}. Hợp tác xã ở {place} làm "
            "theo công thức cũ, đóng gói hút chân không để gửi đi xa.",
        ),
        (
            Item("TR", "Thịt trâu gác bếp {place}", "thuc-pham", "pack500g", (450000, 550000), 500),
            Item("LS", "Lạp sườn gác bếp", "thuc-pham", "pack500g", (160000, 200000), 500),
            Item("MK", "Hạt mắc khén rừng", "gia-vi", "pack500g", (200000, 280000), 500),
        ),
        "Hun khói trên bếp củi tại {place}.",
    ),
    "ca_phe": Theme(
        "cà phê Robusta",
        "Cà phê Robusta trồng ở {place}, hái chín đỏ, phơi trên giàn và rang mộc, không tẩm. "
        "Vị đậm, đắng dịu, thơm mùi socola.",
        (
            "Đồng bào {people} trồng cà phê xen cây ăn quả trên đất đỏ bazan. Chị em trong "
            "hợp tác xã chỉ hái quả chín để giữ vị ngọt tự nhiên.",
            "Cà phê là cây làm giàu của vùng đất đỏ. Phụ nữ {people} ở {place} học cách sơ "
            "chế ướt và rang mộc để bán được giá cao hơn.",
        ),
        (
            Item(
                "CF", "Cà phê Robusta rang xay {place}", "ca-phe", "pack500g", (120000, 160000), 500
            ),
            Item("CF", "Cà phê hạt rang mộc", "ca-phe", "pack500g", (130000, 170000), 500),
            Item("CF", "Cà phê phin giấy hộp 10 gói", "ca-phe", "box", (80000, 110000), 200),
            Item("CN", "Cà phê nhân xanh Robusta", "ca-phe", "kg", (90000, 120000), 1000),
        ),
        "Hái chín tại {place}, phơi giàn và rang mộc.",
    ),
    "ho_tieu": Theme(
        "hồ tiêu",
        "Hồ tiêu trồng trên đất đỏ bazan {place}, hạt chắc, cay thơm, phơi nắng tự nhiên.",
        (
            "Mỗi trụ tiêu là cả chục năm chăm sóc. Người {people} ở {place} trồng tiêu theo "
            "hướng hữu cơ, dùng cây che bóng và phân ủ từ vỏ cà phê.",
            "Tiêu đỏ chín cây là loại quý, chỉ hái được ít mỗi mùa. Chị em hợp tác xã tuốt "
            "tay từng chùm, phơi trên giàn cao cho sạch.",
        ),
        (
            Item("HT", "Hồ tiêu đen {place}", "gia-vi", "kg", (150000, 200000), 1000),
            Item("HT", "Tiêu đỏ chín cây", "gia-vi", "pack500g", (180000, 250000), 500),
            Item("HT", "Tiêu sọ trắng", "gia-vi", "pack500g", (200000, 260000), 500),
        ),
        "Thu hái tại vườn tiêu {place}.",
    ),
    "macca": Theme(
        "hạt mắc ca",
        "Mắc ca trồng tại {place}, hạt to, nhân béo ngậy; sấy chín bằng lò nhiệt, nứt vỏ sẵn.",
        (
            "Cây mắc ca về vùng đất này hơn mười năm trước. Nay nhiều gia đình người {people} sống "
            "được nhờ những vườn mắc ca xen cà phê.",
            "Chị em {place} nhặt hạt rụng mỗi sáng, tách vỏ xanh và sấy ngay trong ngày để hạt "
            "giữ độ giòn và vị béo.",
        ),
        (
            Item("MC", "Hạt mắc ca nứt vỏ {place}", "hat", "pack500g", (170000, 220000), 500),
            Item("MC", "Nhân mắc ca sấy", "hat", "pack500g", (350000, 450000), 500),
            Item("MC", "Mắc ca hộp quà", "hat", "box", (300000, 380000), 1000),
        ),
        "Nhặt và sấy tại {place}.",
    ),
    "dieu": Theme(
        "hạt điều",
        "Hạt điều vỏ lụa rang củi, giòn bùi, trồng trên đồi {place}.",
        (
            "Người {people} rang điều trong chảo gang trên bếp củi, đảo đều tay đến khi hạt "
            "vàng ruộm. Mùi điều rang là mùi của mùa khô.",
        ),
        (
            Item("DI", "Hạt điều rang muối {place}", "hat", "pack500g", (160000, 220000), 500),
            Item("DI", "Hạt điều vỏ lụa", "hat", "pack500g", (150000, 200000), 500),
        ),
        "Rang củi tại {place}.",
    ),
    "bo_sau_rieng": Theme(
        "bơ, sầu riêng",
        "Bơ sáp và sầu riêng trồng trên đất đỏ {place}, chín tự nhiên trên cây, cơm dày, béo.",
        (
            "Những vườn bơ, sầu riêng xen cà phê giúp gia đình người {people} có thu nhập quanh "
            "năm. Chị em chỉ hái quả già, để chín tự nhiên.",
            "Sầu riêng {place} được cắt khi quả đủ ngày, không dùng thuốc ép chín. Bơ sáp được "
            "chọn từng quả, gói giấy để gửi đi xa.",
        ),
        (
            Item("BO", "Bơ sáp {place}", "trai-cay", "kg", (40000, 65000), 1000),
            Item("SR", "Sầu riêng Ri6 {place}", "trai-cay", "kg", (80000, 120000), 1000),
            Item("BO", "Bơ Booth", "trai-cay", "kg", (35000, 50000), 1000),
        ),
        "Thu hoạch tại vườn {place}.",
    ),
    "mat_ong_caphe": Theme(
        "mật ong hoa cà phê",
        "Mật ong hoa cà phê {place}: màu hổ phách, thơm nhẹ hương hoa cà phê, vị ngọt thanh.",
        (
            "Mỗi mùa hoa cà phê nở trắng đồi, đàn ong của chị em người {people} lại đi lấy "
            "mật. Mật ong hoa cà phê là đặc sản chỉ có vài tuần trong năm.",
        ),
        (
            Item("MO", "Mật ong hoa cà phê {place}", "mat-ong", "bottle", (200000, 280000), 700),
            Item("MO", "Mật ong hoa cà phê chai 1 lít", "mat-ong", "litre", (350000, 450000), 1400),
        ),
        "Quay mật mùa hoa cà phê tại {place}.",
    ),
    "thao_qua": Theme(
        "thảo quả, quế",
        "Thảo quả và quế trồng dưới tán rừng già {place}, sấy khô trên bếp củi, thơm nồng.",
        (
            "Người {people} ở {place} trồng thảo quả dưới tán rừng nguyên sinh, vừa có thu "
            "nhập vừa giữ rừng. Quả được sấy trên gác bếp nhiều ngày.",
        ),
        (
            Item("TQ", "Thảo quả khô {place}", "gia-vi", "kg", (200000, 300000), 1000),
            Item("QE", "Quế thanh {place}", "gia-vi", "kg", (60000, 90000), 1000),
            Item("TQ", "Túi gia vị rừng Tây Bắc", "gia-vi", "pack500g", (120000, 160000), 500),
        ),
        "Sấy trên bếp củi tại {place}.",
    ),
    "son_la": Theme(
        "mận hậu, cà phê Arabica",
        "Mận hậu và cà phê Arabica trồng trên cao nguyên {place}, khí hậu mát quanh năm.",
        (
            "Chị em người {people} ở {place} trồng mận trên đồi dốc và cà phê Arabica dưới bóng "
            "cây. Mùa hoa mận trắng đồi là mùa du lịch của bản.",
        ),
        (
            Item("MH", "Mận hậu {place}", "trai-cay", "kg", (30000, 45000), 1000),
            Item("CA", "Cà phê Arabica Sơn La", "ca-phe", "pack500g", (160000, 220000), 500),
            Item("MH", "Ô mai mận hậu", "thuc-pham", "pack500g", (90000, 120000), 500),
        ),
        "Thu hoạch trên đồi {place}.",
    ),
    "bac_ha": Theme(
        "mật ong bạc hà",
        "Mật ong hoa bạc hà từ cao nguyên đá {place}: màu vàng sẫm, thơm mát, vị ngọt đậm.",
        (
            "Hoa bạc hà dại nở tím sườn núi đá mỗi mùa thu. Người {people} ở {place} nuôi ong "
            "lấy mật, mỗi năm chỉ được một vụ.",
        ),
        (
            Item("MO", "Mật ong bạc hà {place}", "mat-ong", "bottle", (350000, 450000), 700),
            Item("ST", "Chè Shan tuyết cổ thụ {place}", "che", "box", (200000, 320000), 200),
        ),
        "Quay mật tại {place}.",
    ),
    "cam_cao_phong": Theme(
        "cam",
        "Cam trồng trên đồi {place}, quả tròn, vỏ mỏng vàng cam, ngọt đậm, ít hạt.",
        (
            "Gia đình người {people} ở {place} trồng cam đã ba thế hệ. Cam chỉ được hái khi "
            "chín vàng trên cây.",
        ),
        (
            Item("CA", "Cam {place}", "trai-cay", "kg", (25000, 40000), 1000),
            Item("CA", "Hộp quà cam {place} 5 kg", "trai-cay", "box", (180000, 230000), 5000),
        ),
        "Hái tại vườn đồi {place}.",
    ),
    "sam_day": Theme(
        "sâm dây",
        "Sâm dây và chè dây mọc dưới tán rừng {place}, thu hái có chọn lọc, sấy khô.",
        (
            "Người {people} dùng sâm dây nấu nước cho người mới ốm dậy. Chị em {place} trồng "
            "thêm dưới tán rừng để không phải vào rừng sâu khai thác.",
        ),
        (
            Item("SD", "Sâm dây {place} sấy khô", "thao-duoc", "pack500g", (300000, 450000), 500),
            Item("CD", "Chè dây rừng", "thao-duoc", "pack500g", (80000, 120000), 500),
            Item("SD", "Sâm dây ngâm mật ong", "thao-duoc", "bottle", (250000, 350000), 700),
        ),
        "Thu hái dưới tán rừng {place}.",
    ),
}
