"""The demo data set: Dong Nai province as it was organised in 2024, in our own words."""

PROVINCE = {"code": "75", "name_en": "Dong Nai"}

# The old province's eleven districts that did its work in 2024 and until 30 June 2025, in the
# order of the demo's activity weights; `manage.py load_units` loads them (and everything else)
# from the reference data.
DISTRICTS = ["731", "732", "734", "735", "736", "737", "738", "739", "740", "741", "742"]

# (slug, Vietnamese name, English name, description)
AUDIENCES = [
    (
        "hoc-sinh-sinh-vien",
        "Học sinh, sinh viên",
        "Students",
        "Những điều cần biết trước khi nhận lời mời đi làm thêm, du học hay kết bạn trên mạng.",
        "What to check before you accept a part-time job, a study-abroad offer or a new friend online.",
    ),
    (
        "cong-nhan-lao-dong",
        "Công nhân lao động",
        "Workers",
        "Cách nhận ra lời mời việc nhẹ lương cao và hợp đồng đi làm việc ở nước ngoài không rõ ràng.",
        "How to recognise an easy-job, high-pay offer and an unclear contract to work abroad.",
    ),
    (
        "thanh-nien-thieu-viec-lam",
        "Thanh niên thiếu việc làm",
        "Unemployed youth",
        "Tìm việc an toàn qua trung tâm dịch vụ việc làm và các chương trình học nghề được hỗ trợ.",
        "Finding work safely through the employment service centre and supported vocational training.",
    ),
    (
        "nguoi-co-nguy-co-cao",
        "Người có nguy cơ cao",
        "People at high risk",
        "Dấu hiệu cảnh báo và nơi tìm giúp đỡ nhanh nhất khi thấy mình bị ép buộc hay lừa gạt.",
        "The warning signs, and the quickest way to get help if you are being forced or deceived.",
    ),
    (
        "nguoi-than-cua-nan-nhan",
        "Người thân của nạn nhân",
        "Relatives of victims",
        "Cách báo tin, tìm kiếm người thân và đồng hành cùng họ khi trở về.",
        "How to report, how to search for a relative, and how to stand by them when they come home.",
    ),
    (
        "phu-nu-tre-em",
        "Phụ nữ, trẻ em",
        "Women and children",
        "Những thủ đoạn nhắm vào phụ nữ và trẻ em, và quyền được bảo vệ của các em.",
        "The tricks aimed at women and children, and the protection children are entitled to.",
    ),
    (
        "nan-nhan-tro-ve",
        "Nạn nhân bị mua bán trở về",
        "Returning victims",
        "Các chế độ hỗ trợ khi trở về: nhu cầu thiết yếu, y tế, tâm lý, pháp lý, học nghề, vay vốn.",
        "The support available on return: essential needs, health care, counselling, legal help, training and loans.",
    ),
    (
        "nguoi-dan",
        "Người dân",
        "General public",
        "Thông tin chung về phòng, chống mua bán người cho mọi gia đình.",
        "General information on preventing human trafficking, for every family.",
    ),
]

SITE_SETTINGS = {
    "organisation_name": "Công an tỉnh Đồng Nai",
    "organisation_name_en": "Dong Nai Provincial Police",
    "hotlines": [
        {
            "label": "Tổng đài quốc gia",
            "number": "111",
            "hours": "24/7, miễn phí",
            "label_en": "National hotline",
            "hours_en": "24/7, free of charge",
        },
        {
            "label": "Công an (khẩn cấp)",
            "number": "113",
            "hours": "24/7",
            "label_en": "Police (emergency)",
            "hours_en": "24/7",
        },
    ],
    "contact_address": "Phường Trấn Biên, tỉnh Đồng Nai",
    "contact_phone": "0251 3822 000",
    "contact_email": "phongchongmuabannguoi@example.vn",
    "footer_text": (
        "Trang thông tin phục vụ công tác tuyên truyền phòng, chống mua bán người. "
        "Chúng tôi không bao giờ công bố thông tin nhận dạng nạn nhân."
    ),
    "footer_text_en": (
        "This site supports the province's communication against human trafficking. "
        "We never publish anything that could identify a victim."
    ),
}

HOME_PAGE = {
    "title": "Phòng, chống mua bán người",
    "introduction": (
        "Thông tin, tài liệu và nơi tìm giúp đỡ cho mọi người dân Đồng Nai: nhận diện thủ đoạn lừa "
        "gạt, bảo vệ người thân và hỗ trợ người trở về hòa nhập cộng đồng."
    ),
    "body": (
        "<h2>Khi nào cần cảnh giác?</h2>"
        "<p>Một lời mời việc làm lương cao mà không cần kinh nghiệm, một người quen mới trên mạng "
        "hứa đưa đi làm ở tỉnh khác hoặc ra nước ngoài, một người giữ giấy tờ tùy thân của bạn: đó "
        "là những dấu hiệu nên dừng lại và hỏi ý kiến gia đình hoặc chính quyền địa phương.</p>"
        "<h2>Ai có thể giúp?</h2>"
        "<p>Mỗi xã, phường đều có cán bộ tiếp nhận và hỗ trợ người trở về. "
        "Bạn có thể gọi đường dây nóng bất cứ lúc nào, không cần nói tên.</p>"
    ),
}

# (username, role, unit code or None, first name, last name). Passwords are printed by the command.
ACCOUNTS = [
    ("bientap", "editor", None, "Lan", "Nguyễn Thị"),
    ("kiemduyet", "moderator", None, "Minh", "Trần Văn"),
    ("canbo.bienhoa", "local", "731", "Hà", "Lê Thu"),
    ("canbo.xuanloc", "local", "741", "Tuấn", "Phạm Anh"),
    # Since 1 July 2025 the communes and wards do the work: a city ward and a forest commune.
    ("canbo.tranbien", "local", "26041", "Thảo", "Đỗ Phương"),
    ("canbo.talai", "local", "26134", "K'Brơi", "Điểu"),
    ("dieuphoi", "coordinator", None, "Hương", "Võ Thị"),
]
SUPERUSER = "quantri"
DEMO_PASSWORD = "demo-matkhau-2024"
# Each account's address is its username at this domain: the password reset and the workflow
# e-mails have somewhere to go (`make run` prints them in its terminal).
DEMO_EMAIL_DOMAIN = "example.vn"

HOME_LIVE_TOTAL = {"period": "year", "year": 2024, "label": "tờ rơi các huyện đã phát"}

RESULTS_PAGE = {
    "title": "Kết quả",
    "slug": "ket-qua",
    "introduction": (
        "Những gì các xã, phường (trước tháng 7/2025 là các huyện, thành phố) đã làm: số buổi truyền thông, "
        "tờ rơi, pano, áp phích, tin bài và lượt phát thanh, cộng từ báo cáo hằng tháng."
    ),
}

# The search's synonyms (news.search): words readers use for the same thing, one group each.
SEARCH_SYNONYMS = [
    [
        "xuất khẩu lao động",
        "đi làm việc ở nước ngoài",
        "đi làm ở nước ngoài",
        "đi lao động nước ngoài",
    ],
    ["trẻ em", "thiếu nhi", "trẻ nhỏ"],
    ["đường dây nóng", "tổng đài", "số điện thoại khẩn cấp"],
    ["lừa đảo", "lừa gạt", "thủ đoạn"],
    ["việc nhẹ lương cao", "việc làm lương cao"],
    ["người trở về", "nạn nhân trở về", "người bị mua bán trở về"],
    ["hôn nhân", "kết hôn", "lấy chồng nước ngoài"],
    ["giấy tờ tùy thân", "căn cước", "hộ chiếu", "chứng minh thư"],
    ["human trafficking", "trafficking in persons", "people trafficking"],
    ["hotline", "helpline", "phone number"],
    ["working abroad", "work abroad", "labour migration", "labor migration"],
    ["children", "child", "minors"],
]
