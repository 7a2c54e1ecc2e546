"""The national economic classification of expenditure (ekonomik sınıflandırma), levels I and II (pure data).

The classification is national: every administration uses the same codes and names (the Presidency
of Strategy and Budget's analytical budget classification). It ships with the application (migration
budget 0004 writes it) and administrations cannot change it: a workbook refers to these codes and
needs no catalogue sheet. The report prints level I with one digit ("1 Personel Giderleri"); the
classification writes two (01).
"""

NATIONAL_ECONOMIC_CODES: tuple[tuple[str, str], ...] = (
    ("01", "Personel Giderleri"),
    ("01.1", "Memurlar"),
    ("01.2", "Sözleşmeli Personel"),
    ("01.3", "İşçiler"),
    ("01.4", "Geçici Personel"),
    ("01.5", "Diğer Personel"),
    ("02", "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"),
    ("02.1", "Memurlar"),
    ("02.2", "Sözleşmeli Personel"),
    ("02.3", "İşçiler"),
    ("02.4", "Geçici Personel"),
    ("02.5", "Diğer Personel"),
    ("03", "Mal ve Hizmet Alım Giderleri"),
    ("03.1", "Üretime Yönelik Mal ve Malzeme Alımları"),
    ("03.2", "Tüketime Yönelik Mal ve Malzeme Alımları"),
    ("03.3", "Yolluklar"),
    ("03.4", "Görev Giderleri"),
    ("03.5", "Hizmet Alımları"),
    ("03.6", "Temsil ve Tanıtma Giderleri"),
    ("03.7", "Menkul Mal, Gayrimaddi Hak Alım, Bakım ve Onarım Giderleri"),
    ("03.8", "Gayrimenkul Mal Bakım ve Onarım Giderleri"),
    ("03.9", "Tedavi ve Cenaze Giderleri"),
    ("04", "Faiz Giderleri"),
    ("04.1", "Kamu İdarelerine Ödenen İç Borç Faiz Giderleri"),
    ("04.2", "Diğer İç Borç Faiz Giderleri"),
    ("04.3", "Dış Borç Faiz Giderleri"),
    ("04.4", "İskonto Giderleri"),
    ("05", "Cari Transferler"),
    ("05.1", "Görev Zararları"),
    ("05.2", "Hazine Yardımları"),
    ("05.3", "Kar Amacı Gütmeyen Kuruluşlara Yapılan Transferler"),
    ("05.4", "Hane Halkına Yapılan Transferler"),
    ("05.5", "Gelirden Ayrılan Paylar"),
    ("05.6", "Yurtdışına Yapılan Transferler"),
    ("06", "Sermaye Giderleri"),
    ("06.1", "Mamul Mal Alımları"),
    ("06.2", "Menkul Sermaye Üretim Giderleri"),
    ("06.3", "Gayri Maddi Hak Alımları"),
    ("06.4", "Gayrimenkul Alımları ve Kamulaştırması"),
    ("06.5", "Gayrimenkul Sermaye Üretim Giderleri"),
    ("06.6", "Menkul Malların Büyük Onarım Giderleri"),
    ("06.7", "Gayrimenkul Büyük Onarım Giderleri"),
    ("06.8", "Stok Alımları"),
    ("06.9", "Diğer Sermaye Giderleri"),
    ("07", "Sermaye Transferleri"),
    ("07.1", "Yurtiçi Sermaye Transferleri"),
    ("07.2", "Yurtdışı Sermaye Transferleri"),
    ("08", "Borç Verme"),
    ("08.1", "Yurtiçi Borç Verme"),
    ("08.2", "Yurtdışı Borç Verme"),
    ("09", "Yedek Ödenekler"),
    ("09.1", "Personel Giderlerini Karşılama Ödeneği"),
    ("09.2", "Doğal Afet Giderlerini Karşılama Ödeneği"),
    ("09.3", "Yatırımları Hızlandırma Ödeneği"),
    ("09.6", "Yedek Ödenek"),
)
NATIONAL_NAMES: dict[str, str] = dict(NATIONAL_ECONOMIC_CODES)


def normalise_economic_code(text: str) -> str:
    """Return a code as the classification writes it: level I with two digits ("1" → "01", "3.2" → "03.2")."""
    first, _, rest = text.strip().partition(".")
    first = first.zfill(2) if first.isdigit() else first
    return f"{first}.{rest}" if rest else first


def economic_parent(code: str) -> str:
    """Return the code one level up ("03.2" → "03"), "" for a level-I code."""
    return code.rpartition(".")[0]


def economic_ancestors(code: str) -> list[str]:
    """Return the code and every code above it, from level I down ("03.2.1" → ["03", "03.2", "03.2.1"])."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
