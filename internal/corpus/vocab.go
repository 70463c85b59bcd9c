package corpus

// language is one language of the corpus: its weight among modules, the
// countries whose academies write in it, real domain words (the head of
// its Zipf vocabulary) and syllables from which the long tail of
// synthetic words is made.
type language struct {
	tag       string
	weight    int
	countries []string
	words     []string
	syllables []string
}

var cyrillic = []string{"ка", "ро", "ни", "ст", "ва", "ле", "то", "ми", "за", "ду", "ры", "не", "по", "ше", "ла", "ки", "ус", "ор", "ен", "ам"}
var latin = []string{"ka", "ro", "ni", "st", "va", "le", "to", "mi", "za", "du", "ri", "ne", "po", "se", "la", "ki", "us", "or", "en", "am"}
var arabic = []string{"كا", "ري", "نو", "سد", "مل", "تر", "حا", "بي", "قو", "لم", "عد", "فا", "شر", "وز", "هن", "جب"}

var languages = []language{
	{tag: "ru", weight: 30, countries: []string{"KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "BY", "MD"}, syllables: cyrillic, words: []string{
		"граница", "пограничный", "контроль", "анализ", "рисков", "документов", "проверка", "пункт", "пропуска", "охрана",
		"нарушитель", "задержание", "таможенный", "досмотр", "транспортных", "средств", "миграция", "мигрантов", "права", "человека",
		"торговля", "людьми", "контрабанда", "наркотиков", "оружия", "сотрудничество", "международное", "информации", "обмен", "патрулирование",
		"наблюдение", "технические", "средства", "поддельных", "паспортов", "выявление", "курсанты", "изучают", "методы", "практические",
		"занятия", "оценка", "угроз", "безопасности", "межведомственное", "взаимодействие", "профилирование", "пассажиров", "грузов", "законодательство",
	}},
	{tag: "en", weight: 14, countries: []string{"GB", "IE", "GH", "NG", "KE", "PK", "BD", "LK"}, syllables: latin, words: []string{
		"border", "control", "risk", "analysis", "document", "inspection", "crossing", "point", "surveillance", "patrol",
		"customs", "clearance", "migration", "asylum", "human", "rights", "trafficking", "smuggling", "drugs", "weapons",
		"cooperation", "international", "information", "exchange", "intelligence", "profiling", "passengers", "cargo", "vehicles", "forged",
		"passports", "detection", "trainees", "practical", "exercises", "assessment", "threats", "security", "inter-agency", "legislation",
		"interview", "techniques", "evidence", "investigation", "ethics", "integrity", "officers", "procedures", "equipment", "training",
	}},
	{tag: "fr", weight: 8, countries: []string{"SN", "ML", "NE", "BF", "CI", "TN", "MA"}, syllables: latin, words: []string{
		"frontière", "contrôle", "analyse", "risques", "documents", "vérification", "poste", "surveillance", "patrouille", "douane",
		"dédouanement", "migration", "asile", "droits", "homme", "traite", "êtres", "humains", "contrebande", "stupéfiants",
		"coopération", "internationale", "renseignement", "échange", "profilage", "voyageurs", "marchandises", "véhicules", "faux", "passeports",
		"détection", "stagiaires", "exercices", "pratiques", "évaluation", "menaces", "sécurité", "interservices", "législation", "entretien",
	}},
	{tag: "ar", weight: 10, countries: []string{"IQ", "JO", "LB", "EG", "LY", "TN", "MA"}, syllables: arabic, words: []string{
		"الحدود", "مراقبة", "تحليل", "المخاطر", "الوثائق", "التفتيش", "المنفذ", "الدوريات", "الجمارك", "الهجرة",
		"اللجوء", "حقوق", "الإنسان", "الاتجار", "بالبشر", "التهريب", "المخدرات", "الأسلحة", "التعاون", "الدولي",
		"المعلومات", "تبادل", "الاستخبارات", "المسافرين", "البضائع", "المركبات", "المزورة", "جوازات", "السفر", "كشف",
		"المتدربون", "تمارين", "عملية", "تقييم", "التهديدات", "الأمن", "التشريعات", "المقابلة", "الأدلة", "التحقيق",
	}},
	{tag: "fa", weight: 6, countries: []string{"IR"}, syllables: arabic, words: []string{
		"مرز", "مرزی", "کنترل", "تحلیل", "خطر", "اسناد", "بازرسی", "گذرگاه", "گشت", "گمرک",
		"مهاجرت", "پناهندگی", "حقوق", "بشر", "قاچاق", "انسان", "مواد", "مخدر", "سلاح", "همکاری",
		"بین‌المللی", "اطلاعات", "تبادل", "مسافران", "کالا", "وسایل", "نقلیه", "جعلی", "گذرنامه", "کشف",
		"آموزش", "تمرین", "عملی", "ارزیابی", "تهدیدها", "امنیت", "قوانین", "مصاحبه", "شواهد", "تحقیق",
	}},
	{tag: "fa-AF", weight: 5, countries: []string{"AF"}, syllables: arabic, words: []string{
		"سرحد", "سرحدی", "کنترول", "تحلیل", "خطر", "اسناد", "تلاشی", "بندر", "گزمه", "گمرک",
		"مهاجرت", "حقوق", "بشر", "قاچاق", "مواد", "مخدر", "همکاری", "معلومات", "مسافرین", "امتعه",
		"جعلی", "پاسپورت", "کشف", "آموزش", "تمرین", "ارزیابی", "تهدیدات", "امنیت", "قوانین", "شواهد",
	}},
	{tag: "kk", weight: 4, countries: []string{"KZ"}, syllables: cyrillic, words: []string{
		"шекара", "шекаралық", "бақылау", "талдау", "тәуекел", "құжаттар", "тексеру", "өткізу", "пункті", "күзет",
		"кеден", "көші-қон", "адам", "құқықтары", "контрабанда", "есірткі", "ынтымақтастық", "ақпарат", "алмасу", "жолаушылар",
	}},
	{tag: "uz", weight: 4, countries: []string{"UZ"}, syllables: latin, words: []string{
		"chegara", "nazorat", "tahlil", "xavf", "hujjatlar", "tekshirish", "o'tkazish", "punkti", "qo'riqlash", "bojxona",
		"migratsiya", "inson", "huquqlari", "kontrabanda", "giyohvand", "hamkorlik", "axborot", "almashinuv", "yo'lovchilar", "yuklar",
	}},
	{tag: "tg", weight: 3, countries: []string{"TJ"}, syllables: cyrillic, words: []string{
		"сарҳад", "сарҳадӣ", "назорат", "таҳлил", "хатар", "ҳуҷҷатҳо", "санҷиш", "гузаргоҳ", "посбонӣ", "гумрук",
		"муҳоҷират", "ҳуқуқи", "инсон", "қочоқ", "маводи", "мухаддир", "ҳамкорӣ", "иттилоот", "мубодила", "мусофирон",
	}},
	{tag: "ky", weight: 2, countries: []string{"KG"}, syllables: cyrillic, words: []string{
		"чек", "ара", "көзөмөл", "талдоо", "тобокелдик", "документтер", "текшерүү", "өткөрүү", "бажы", "миграция",
	}},
	{tag: "tr", weight: 3, countries: []string{"TR"}, syllables: latin, words: []string{
		"sınır", "kontrol", "risk", "analizi", "belgeler", "denetim", "kapısı", "devriye", "gümrük", "göç",
		"insan", "hakları", "kaçakçılığı", "uyuşturucu", "işbirliği", "bilgi", "paylaşımı", "yolcular", "sahte", "pasaport",
	}},
	{tag: "es", weight: 2, countries: []string{"ES", "MX", "CO", "PE"}, syllables: latin, words: []string{
		"frontera", "control", "análisis", "riesgos", "documentos", "inspección", "paso", "vigilancia", "patrulla", "aduana",
		"migración", "derechos", "humanos", "trata", "personas", "contrabando", "drogas", "cooperación", "información", "pasaportes",
	}},
	{tag: "de", weight: 2, countries: []string{"DE", "AT", "CH"}, syllables: latin, words: []string{
		"grenze", "grenzkontrolle", "risikoanalyse", "dokumente", "überprüfung", "grenzübergang", "überwachung", "streife", "zoll", "migration",
		"asyl", "menschenrechte", "menschenhandel", "schmuggel", "drogen", "zusammenarbeit", "informationsaustausch", "reisende", "fälschungen", "pässe",
	}},
	{tag: "ps", weight: 1, countries: []string{"AF", "PK"}, syllables: arabic, words: []string{
		"پوله", "کنټرول", "تحلیل", "خطر", "اسناد", "تلاشي", "ګمرک", "مهاجرت", "قاچاق", "همکاري",
	}},
	{tag: "ur", weight: 1, countries: []string{"PK"}, syllables: arabic, words: []string{
		"سرحد", "کنٹرول", "تجزیہ", "خطرات", "دستاویزات", "معائنہ", "کسٹمز", "ہجرت", "اسمگلنگ", "تعاون",
	}},
}

// Languages are the language tags the corpus writes modules in.
func Languages() []string {
	out := make([]string, len(languages))
	for i, l := range languages {
		out[i] = l.tag
	}
	return out
}
