"""Demo articles, posters and leaflets, written for this project in Vietnamese."""

import datetime

TZ_OFFSET = datetime.timezone(datetime.timedelta(hours=7))


def when(year, month, day, hour=8):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=TZ_OFFSET)


STRUCTURE = {
    "news": {
        "title": "Tin tức",
        "slug": "tin-tuc",
        "introduction": "Hoạt động tuyên truyền, hướng dẫn và cảnh báo mới nhất từ các xã, phường trong tỉnh.",
    },
    "materials": {
        "title": "Tài liệu truyền thông",
        "slug": "tai-lieu",
        "introduction": "Áp phích và tờ rơi để xem, tải về và in, lọc theo nhóm đối tượng và địa bàn.",
    },
    "help": {
        "title": "Tìm giúp đỡ",
        "slug": "tim-giup-do",
        "introduction": "Bạn hoặc người thân gặp nguy hiểm, bị lừa gạt hay vừa trở về? Có người sẵn sàng lắng nghe và hỗ trợ, miễn phí và giữ bí mật.",
    },
}

SUPPORT = [
    (
        "Nhu cầu thiết yếu",
        "<p>Chỗ ở tạm thời, bữa ăn, quần áo và chi phí đi lại để về nơi cư trú.</p>",
    ),
    ("Chăm sóc y tế", "<p>Khám, chữa bệnh và xét nghiệm khi cần, tại cơ sở y tế gần nhất.</p>"),
    (
        "Hỗ trợ tâm lý",
        "<p>Trò chuyện với cán bộ tư vấn đã được đào tạo, một mình hoặc cùng gia đình.</p>",
    ),
    (
        "Trợ giúp pháp lý",
        "<p>Tư vấn miễn phí về quyền lợi, giấy tờ tùy thân và thủ tục tố giác.</p>",
    ),
    (
        "Học văn hóa, học nghề",
        "<p>Miễn, giảm học phí và hỗ trợ học nghề phù hợp với sức khỏe và mong muốn.</p>",
    ),
    ("Vay vốn", "<p>Vay vốn ưu đãi để sản xuất, kinh doanh nhỏ và ổn định cuộc sống.</p>"),
]

OFFICE_HOURS = "Thứ Hai đến thứ Sáu, 7:00–11:30 và 13:00–17:00"
OFFICE_HOURS_EN = "Monday to Friday, 7:00–11:30 and 13:00–17:00"

WARNING_SIGNS = [
    "Hứa việc nhẹ, lương cao, không cần kinh nghiệm hay bằng cấp",
    "Lo trọn gói chi phí đi lại, giấy tờ, rồi bắt trả nợ sau",
    "Giữ chứng minh thư, hộ chiếu hoặc điện thoại của bạn",
    "Dặn bạn không được nói với gia đình",
]

# (slug, title, standfirst, paragraphs, audiences, districts, keywords, date, featured)
ARTICLES = [
    (
        "nhan-dien-loi-moi-viec-nhe-luong-cao",
        "Nhận diện lời mời “việc nhẹ lương cao” trên mạng xã hội",
        "Tin tuyển dụng hứa thu nhập hàng chục triệu đồng mỗi tháng cho người chưa có kinh nghiệm là chiêu quen thuộc của kẻ buôn người. Vài phút kiểm tra có thể giúp bạn tránh được cái bẫy.",
        [
            "Nhiều lời mời được đăng trong các nhóm tìm việc, kèm hình ảnh văn phòng sang trọng và tin nhắn trả lời rất nhanh. Người đăng thường hối thúc quyết định trong một, hai ngày và đề nghị lo toàn bộ chi phí đi lại.",
            "Trước khi nhận lời, hãy hỏi tên công ty, địa chỉ cụ thể và mã số doanh nghiệp, rồi tự tra cứu hoặc hỏi Trung tâm dịch vụ việc làm của tỉnh. Một doanh nghiệp đàng hoàng không ngại trả lời những câu hỏi đó.",
            "Nếu đã lỡ chuyển tiền hoặc giao giấy tờ, đừng ngại nói với gia đình và báo ngay cho công an xã, phường nơi bạn ở.",
        ],
        ["thanh-nien-thieu-viec-lam", "hoc-sinh-sinh-vien"],
        [],
        ["lừa đảo", "việc làm", "mạng xã hội"],
        when(2024, 3, 12),
        False,
    ),
    (
        "cong-nhan-nhon-trach-kiem-tra-hop-dong",
        "Công nhân Nhơn Trạch học cách kiểm tra hợp đồng đi làm việc ở nước ngoài",
        "Hơn một trăm công nhân tại khu nhà trọ gần khu công nghiệp đã cùng cán bộ huyện đọc kỹ từng điều khoản của một hợp đồng mẫu.",
        [
            "Buổi sinh hoạt diễn ra vào tối thứ Bảy để công nhân tan ca có thể tham dự. Cán bộ Phòng Lao động - Thương binh và Xã hội huyện hướng dẫn cách nhận biết doanh nghiệp được cấp phép đưa người lao động đi làm việc ở nước ngoài.",
            "Những điểm cần đọc kỹ gồm: nơi làm việc, công việc cụ thể, mức lương, chi phí phải nộp và ai giữ hộ chiếu. Hợp đồng thiếu một trong các điểm này là dấu hiệu đáng ngờ.",
        ],
        ["cong-nhan-lao-dong"],
        ["742"],
        ["hợp đồng lao động", "đi làm việc ở nước ngoài"],
        when(2024, 4, 20),
        False,
    ),
    (
        "hoc-sinh-xuan-loc-dong-vai-xu-ly-tinh-huong",
        "Học sinh Xuân Lộc đóng vai xử lý tình huống bị dụ dỗ",
        "Thay cho bài giảng một chiều, các em tự dựng tiểu phẩm về một người bạn quen qua mạng hẹn đưa đi làm thêm ở thành phố.",
        [
            "Trong tiểu phẩm, nhân vật chính được hứa một công việc bán hàng với thu nhập cao. Các nhóm học sinh lần lượt đưa ra cách từ chối, cách hỏi lại thông tin và người lớn nên báo tin.",
            "Giáo viên chủ nhiệm cho biết các em nhớ lâu hơn khi được tự nói ra cách xử lý. Nhà trường sẽ đưa nội dung này vào giờ sinh hoạt lớp hằng tháng.",
        ],
        ["hoc-sinh-sinh-vien"],
        ["741"],
        ["trường học", "kỹ năng sống", "mạng xã hội"],
        when(2024, 5, 8),
        False,
    ),
    (
        "thang-hanh-dong-cac-huyen-dong-loat-ra-quan",
        "Tháng hành động phòng, chống mua bán người: các huyện đồng loạt ra quân",
        "Hưởng ứng Ngày toàn quốc phòng, chống mua bán người 30/7, mười một huyện, thành phố tổ chức mít tinh, treo pano và phát tờ rơi tại chợ, bến xe và khu nhà trọ.",
        [
            "Trong tháng Bảy, các Ban Chủ nhiệm mô hình phối hợp với đoàn thanh niên, hội phụ nữ và công an xã tổ chức các buổi truyền thông lưu động. Nội dung tập trung vào thủ đoạn lừa đi làm ăn xa và cách tìm giúp đỡ.",
            "Tờ rơi “Cẩm nang nhận diện thủ đoạn mua bán người” được phát tận tay người dân; loa truyền thanh ở ấp, khu phố phát thông điệp hai lần mỗi ngày.",
        ],
        ["nguoi-dan"],
        [],
        ["tháng hành động", "30/7", "tờ rơi"],
        when(2024, 7, 30),
        True,
    ),
    (
        "chinh-sach-ho-tro-nguoi-tro-ve",
        "Những chính sách hỗ trợ người bị mua bán trở về",
        "Người trở về có quyền được hỗ trợ các nhu cầu thiết yếu, y tế, tâm lý, pháp lý, học văn hóa, học nghề và vay vốn. Bài viết tóm tắt cách đề nghị từng khoản hỗ trợ.",
        [
            "Người trở về hoặc gia đình có thể liên hệ Ban Chủ nhiệm mô hình ở huyện, thành phố nơi cư trú. Cán bộ sẽ hướng dẫn hồ sơ và đi cùng trong những bước đầu tiên.",
            "Mọi thông tin cá nhân được giữ bí mật. Không ai được công bố tên, hình ảnh hay câu chuyện của người trở về khi họ không đồng ý.",
        ],
        ["nan-nhan-tro-ve", "nguoi-than-cua-nan-nhan"],
        [],
        ["hỗ trợ", "tái hòa nhập", "chính sách"],
        when(2024, 6, 15),
        False,
    ),
    (
        "gia-dinh-lam-gi-khi-nguoi-than-mat-lien-lac",
        "Gia đình cần làm gì khi người thân mất liên lạc sau chuyến đi làm xa?",
        "Vài ngày im lặng chưa hẳn là chuyện xấu, nhưng đừng chờ quá lâu. Có những việc gia đình nên làm ngay để việc tìm kiếm nhanh hơn.",
        [
            "Hãy ghi lại mọi thông tin còn giữ được: tên người môi giới, số điện thoại, tài khoản mạng xã hội, địa chỉ nơi làm việc được hứa và ảnh giấy tờ của người đi.",
            "Mang các thông tin đó đến công an xã, phường hoặc gọi đường dây nóng. Cán bộ sẽ hướng dẫn thủ tục và phối hợp với các cơ quan liên quan.",
        ],
        ["nguoi-than-cua-nan-nhan"],
        [],
        ["tìm người thân", "đường dây nóng"],
        when(2024, 8, 22),
        False,
    ),
    (
        "canh-giac-moi-gioi-hon-nhan-trai-phep",
        "Phụ nữ vùng nông thôn: cảnh giác với môi giới hôn nhân trái phép",
        "Lời hứa về một cuộc hôn nhân với người nước ngoài giàu có, kèm một khoản tiền cho gia đình, có thể là bước đầu của việc mua bán người.",
        [
            "Tại Tân Phú và Định Quán, hội phụ nữ xã tổ chức các buổi trò chuyện nhỏ tại nhà văn hóa ấp, nơi chị em có thể hỏi riêng mà không ngại.",
            "Kết hôn hợp pháp với người nước ngoài phải đăng ký tại cơ quan nhà nước có thẩm quyền, không qua người môi giới nhận tiền.",
        ],
        ["phu-nu-tre-em"],
        ["734", "736"],
        ["hôn nhân", "môi giới", "lừa đảo"],
        when(2024, 9, 10),
        False,
    ),
    (
        "loa-truyen-thanh-kenh-gan-dan-nhat",
        "Loa truyền thanh ấp, khu phố: kênh tuyên truyền gần dân nhất",
        "Ở nhiều ấp của Cẩm Mỹ và Thống Nhất, bản tin phòng, chống mua bán người được phát vào giờ cơm chiều, khi cả nhà cùng nghe.",
        [
            "Mỗi bản tin dài khoảng ba phút, do cán bộ văn hóa xã biên tập từ tài liệu của tỉnh và đọc bằng giọng địa phương.",
            "Người dân có thể gọi vào số điện thoại được nhắc cuối mỗi bản tin để hỏi thêm hoặc báo tin về những lời mời đáng ngờ.",
        ],
        ["nguoi-dan"],
        ["739", "738"],
        ["truyền thanh", "cơ sở"],
        when(2024, 10, 5),
        False,
    ),
    (
        "hoc-nghe-vay-von-on-dinh-cuoc-song",
        "Học nghề, vay vốn: con đường ổn định cuộc sống sau khi trở về",
        "Một khóa học nghề may ngắn hạn và một khoản vay ưu đãi đã giúp nhiều người trở về ở Long Khánh có thu nhập đều đặn.",
        [
            "Ban Chủ nhiệm mô hình thành phố phối hợp với cơ sở dạy nghề chọn các khóa học gần nhà, giờ học linh hoạt.",
            "Sau khóa học, người học được giới thiệu việc làm hoặc hướng dẫn làm hồ sơ vay vốn tại Ngân hàng Chính sách xã hội.",
        ],
        ["nan-nhan-tro-ve", "thanh-nien-thieu-viec-lam"],
        ["732"],
        ["học nghề", "vay vốn", "tái hòa nhập"],
        when(2024, 11, 18),
        False,
    ),
    (
        "long-ghep-phong-chong-ma-tuy-hiv",
        "Lồng ghép phòng, chống mua bán người với phòng, chống ma túy và HIV/AIDS",
        "Những người có nguy cơ cao thường cùng lúc đối mặt với nhiều rủi ro. Biên Hòa thử nghiệm các buổi tư vấn chung để họ chỉ cần đến một nơi.",
        [
            "Các buổi tư vấn có sự tham gia của cán bộ y tế, công an và hội phụ nữ, diễn ra tại trạm y tế phường ngoài giờ hành chính.",
            "Người tham gia được tư vấn riêng, xét nghiệm tự nguyện và nhận thông tin về việc làm, học nghề.",
        ],
        ["nguoi-co-nguy-co-cao"],
        ["731"],
        ["ma túy", "HIV/AIDS", "mại dâm"],
        when(2024, 12, 2),
        False,
    ),
    (
        "nam-dieu-phap-luat-ai-cung-nen-biet",
        "Năm điều pháp luật quy định về phòng, chống mua bán người mà ai cũng nên biết",
        "Luật Phòng, chống mua bán người bảo vệ người bị hại và nghiêm cấm mọi hành vi mua bán, môi giới, che giấu. Dưới đây là năm điểm chính, viết bằng lời dễ hiểu.",
        [
            "Một: mua bán người là tội phạm, dù người bị mua bán có đồng ý đi hay không. Hai: người bị mua bán được coi là nạn nhân, không bị xử phạt vì những việc họ bị ép buộc làm.",
            "Ba: thông tin về nạn nhân phải được giữ bí mật. Bốn: mọi người có quyền và trách nhiệm tố giác. Năm: nạn nhân được hỗ trợ để trở về và hòa nhập cộng đồng.",
        ],
        ["nguoi-dan"],
        [],
        ["pháp luật", "quyền lợi"],
        when(2025, 1, 15),
        False,
    ),
    (
        "sinh-vien-tinh-nguyen-phat-to-roi-trang-bom",
        "Sinh viên tình nguyện mang tờ rơi đến khu nhà trọ công nhân ở Trảng Bom",
        "Trong hai ngày cuối tuần, các đội sinh viên đã gõ cửa từng dãy trọ, trò chuyện với công nhân trẻ về những lời mời chuyển việc đáng ngờ.",
        [
            "Các bạn sinh viên được tập huấn trước về cách nói chuyện ngắn gọn, tôn trọng và không hỏi chuyện riêng tư.",
            "Chủ nhà trọ cũng nhận áp phích để dán ở khu vực chung, kèm số đường dây nóng.",
        ],
        ["hoc-sinh-sinh-vien", "cong-nhan-lao-dong"],
        ["737"],
        ["tình nguyện", "tờ rơi", "nhà trọ"],
        when(2025, 3, 20),
        False,
    ),
    (
        "vinh-cuu-long-thanh-tong-ket-nam-tuyen-truyen",
        "Vĩnh Cửu, Long Thành: nhìn lại một năm tuyên truyền tại ấp, khu phố",
        "Các Ban Chủ nhiệm mô hình họp tổng kết, chỉ ra cách làm hiệu quả và những nơi cần tăng cường trong năm tới.",
        [
            "Những buổi truyền thông nhỏ, ít người nhưng có thời gian hỏi đáp, được người dân đánh giá cao hơn các buổi mít tinh đông người.",
            "Năm tới, hai huyện sẽ ưu tiên các xã có nhiều lao động trẻ đi làm ăn xa.",
        ],
        ["nguoi-dan"],
        ["735", "740"],
        ["tổng kết", "cơ sở"],
        when(2025, 1, 5),
        False,
    ),
]

# (slug, title, description, lines on the poster, colours, audiences, keywords, date, featured)
POSTERS = [
    (
        "viec-nhe-luong-cao-hay-dung-lai",
        "Việc nhẹ lương cao? Hãy dừng lại và hỏi",
        "Áp phích khổ A3 nhắc người tìm việc kiểm tra kỹ trước khi nhận lời đi làm xa.",
        ["VIỆC NHẸ", "LƯƠNG CAO?", "Hãy dừng lại", "và hỏi gia đình"],
        ("#0b4f8a", "#ffffff"),
        ["thanh-nien-thieu-viec-lam", "cong-nhan-lao-dong"],
        ["việc làm", "lừa đảo"],
        when(2024, 3, 1),
        True,
    ),
    (
        "dung-giao-giay-to-tuy-than",
        "Đừng giao giấy tờ tùy thân cho người lạ",
        "Áp phích dán tại khu nhà trọ và bến xe: không ai được giữ giấy tờ của bạn.",
        ["GIẤY TỜ", "CỦA BẠN", "Không giao", "cho người lạ"],
        ("#a4120f", "#ffffff"),
        ["cong-nhan-lao-dong", "nguoi-dan"],
        ["giấy tờ tùy thân"],
        when(2024, 6, 1),
        True,
    ),
    (
        "goi-111-mien-phi",
        "Gọi 111: miễn phí, cả ngày lẫn đêm",
        "Pano và áp phích giới thiệu đường dây nóng quốc gia cho mọi người dân.",
        ["CẦN GIÚP?", "GỌI 111", "Miễn phí", "24/7"],
        ("#1b1b1b", "#ffbf47"),
        ["nguoi-dan", "phu-nu-tre-em"],
        ["đường dây nóng"],
        when(2024, 7, 15),
        False,
    ),
    (
        "di-lam-xa-bao-gia-dinh",
        "Đi làm xa? Hãy cho gia đình biết nơi bạn làm việc",
        "Áp phích cho học sinh, sinh viên và thanh niên chuẩn bị đi làm ăn xa.",
        ["ĐI LÀM XA?", "Báo cho", "gia đình", "địa chỉ nơi làm"],
        ("#1f6f43", "#ffffff"),
        ["hoc-sinh-sinh-vien", "thanh-nien-thieu-viec-lam"],
        ["việc làm", "gia đình"],
        when(2024, 9, 1),
        False,
    ),
]

# (slug, title, summary, pages of the PDF (each a list of lines), audiences, keywords, date, featured)
LEAFLETS = [
    (
        "cam-nang-nhan-dien-thu-doan",
        "Cẩm nang nhận diện thủ đoạn mua bán người",
        "Tờ gấp hai mặt: những thủ đoạn thường gặp, dấu hiệu cảnh báo và nơi tìm giúp đỡ.",
        [
            [
                "CẨM NANG NHẬN DIỆN",
                "THỦ ĐOẠN MUA BÁN NGƯỜI",
                "",
                "Những chiêu thường gặp:",
                "- Hứa việc nhẹ, lương cao",
                "- Hẹn hò, kết bạn qua mạng",
                "- Môi giới hôn nhân có trả tiền",
                "- Cho vay rồi ép trả nợ bằng lao động",
            ],
            [
                "DẤU HIỆU CẢNH BÁO",
                "",
                "- Bị giữ giấy tờ, điện thoại",
                "- Bị dặn giấu gia đình",
                "- Đi đường vòng, không rõ nơi đến",
                "",
                "Gọi 111 - miễn phí, 24/7",
            ],
        ],
        ["nguoi-dan", "thanh-nien-thieu-viec-lam"],
        ["lừa đảo", "dấu hiệu cảnh báo"],
        when(2024, 7, 1),
        True,
    ),
    (
        "quyen-loi-nguoi-tro-ve",
        "Quyền lợi của người bị mua bán trở về",
        "Những khoản hỗ trợ người trở về được nhận và cách đề nghị, viết cho người trở về và gia đình.",
        [
            [
                "QUYỀN LỢI CỦA NGƯỜI TRỞ VỀ",
                "",
                "- Nhu cầu thiết yếu, chỗ ở tạm thời",
                "- Khám chữa bệnh",
                "- Tư vấn tâm lý",
                "- Trợ giúp pháp lý miễn phí",
                "- Học văn hóa, học nghề",
                "- Vay vốn ưu đãi",
                "",
                "Mọi thông tin được giữ bí mật.",
            ]
        ],
        ["nan-nhan-tro-ve", "nguoi-than-cua-nan-nhan"],
        ["hỗ trợ", "tái hòa nhập", "chính sách"],
        when(2024, 6, 20),
        True,
    ),
    (
        "di-lam-viec-o-nuoc-ngoai-an-toan",
        "Đi làm việc ở nước ngoài an toàn",
        "Năm bước kiểm tra trước khi ký hợp đồng đi làm việc ở nước ngoài.",
        [
            [
                "ĐI LÀM VIỆC Ở NƯỚC NGOÀI AN TOÀN",
                "",
                "1. Kiểm tra doanh nghiệp có giấy phép",
                "2. Đọc kỹ hợp đồng trước khi ký",
                "3. Không nộp tiền cho cá nhân",
                "4. Tự giữ hộ chiếu",
                "5. Để lại địa chỉ cho gia đình",
            ]
        ],
        ["cong-nhan-lao-dong"],
        ["đi làm việc ở nước ngoài", "hợp đồng lao động"],
        when(2024, 4, 10),
        False,
    ),
]
