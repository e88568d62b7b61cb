"""The peer of bench/telegram_bot.py: a plain python-telegram-bot complaint bot, as PTB's documentation builds one.

A `ConversationHandler` of text steps (menu, story, place, agency, files, anonymity, phone, confirm), its state and
the complaints in `PicklePersistence`, replies through PTB's default httpx request, updates from PTB's own webhook
server (`Application.run_webhook`, tornado). It answers the bench's SCRIPT with the prompts and replies laporbot gives
(texts from locales/id, the same number of replies per message). It is not durable: the webhook is answered when
the update is queued, and the pickle is written once a minute and at shutdown.

Configured like `laporbot run` (bench/telegram_bot.py `webhook_env`): TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL,
TELEGRAM_FILE_BASE_URL, TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, LAPORBOT_PORT; PEER_PICKLE_FILE the pickle.

    .venv/bin/python bench/peer_ptb.py
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from urllib.parse import urlsplit

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)

MENU, STORY, PLACE, AGENCY, FILES, ANON, PHONE, CONFIRM = range(8)
Context = ContextTypes.DEFAULT_TYPE

# The Indonesian texts laporbot sends for these steps (locales/id/LC_MESSAGES/bot.po).
WELCOME = "Halo! Ini LaporBot, layanan pengaduan SP4N-LAPOR!. Apa yang ingin Anda lakukan?"
AGAIN = "Ada lagi yang bisa kami bantu?"
ASK_STORY = "Ceritakan apa yang terjadi. Boleh ketik, kirim foto, atau pesan suara."
SHORT_STORY = 'Ceritanya terlalu pendek. Contoh: "Jalan di depan SD 3 rusak, banyak lubang, motor sering jatuh."'
ASK_PLACE = "Di mana kejadiannya? Ketik nama jalan, desa, atau kecamatan, atau kirim lokasi."
VAGUE_PLACE = 'Lokasinya belum jelas. Contoh: "Jl. Pejanggik, Mataram" atau "Desa Sukamulya, Kec. Sakra".'
NAME_PLACE = ("Kami perlu nama tempatnya. Tulis nama desa atau kelurahan, misalnya: Desa Paok Motong. "
              "Atau bagikan lokasi dari HP.")
ASK_AGENCY = ('Dari cerita Anda, sepertinya untuk {agency}. Laporan ini untuk instansi mana? Ketik namanya, misalnya '
              '"dinas kesehatan", atau pilih di bawah.')
ASK_FILES = "Ada foto, video, atau dokumen pendukung? Kirim sekarang, atau pilih Lanjut. (Sudah ada 0 file.)"
ASK_ANON = ("Rahasiakan identitas Anda (anonim)? Jika ya, instansi yang dilaporkan dan publik tidak tahu siapa Anda. "
            "Isi laporan juga bisa dirahasiakan dari publik.")
ASK_PHONE = "Boleh kami simpan nomor HP Anda agar petugas bisa menghubungi? Tanpa itu laporan tetap bisa dikirim."
YES_NO = 'Maaf, jawab "ya" atau "tidak" saja.'
NO_CHOICE = "Maaf, pilihan itu tidak ada. Tekan salah satu tombol atau ketik angkanya."
NUMBERS = "Ketik angkanya saja, misalnya 1.\n1. Kirim\n2. Ubah\n3. Batalkan"
SUMMARY = ("Ini yang kami catat:\nJenis: Pengaduan (ada masalah)\nJudul: {title}\nCerita: {story}\n"
           "Tanggal: sekitar {date}\nLokasi: {place}, Kab. Lombok Timur, Nusa Tenggara Barat\nInstansi: {agency}\n"
           "Kategori: {category}\nLampiran: 0 file\nAnonim: {anon} · Rahasia: Tidak\nKontak: {contact}\n"
           "Kirim sekarang?")
THANKS = ("Terima kasih, laporan Anda sudah kami terima. Nomor laporan: {number}\nPetugas memeriksa dalam 3 hari "
          "kerja, lalu instansi menindaklanjuti dalam 5 hari kerja. Kami kabari di sini.")
CANCELLED = "Laporan dibatalkan. Ketik /start untuk mulai lagi."
# A keyword guess of the agency, as a small bot would do it (laporbot reads the story against the agency catalog).
AGENCIES = (("lampu", "Dinas Perhubungan Kabupaten Lombok Timur", "Transportasi dan lalu lintas"),
            ("jalan", "Dinas Pekerjaan Umum Kabupaten Lombok Timur", "Infrastruktur"),
            ("sekolah", "Dinas Pendidikan Kabupaten Lombok Timur", "Pendidikan"))
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
YES = frozenset({"1", "ya", "y", "iya", "boleh"})
NO = frozenset({"2", "tidak", "t", "tdk", "nggak", "no"})


def buttons(step: int, *rows: tuple[tuple[str, str], ...]) -> InlineKeyboardMarkup:
    """Inline buttons of a step, with the navigation row laporbot puts under every question."""
    nav = [InlineKeyboardButton(label, callback_data=f"{step}|nav.{key}")
           for label, key in (("Kembali", "back"), ("Batal", "cancel"), ("Bantuan", "help"))]
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=f"{step}|{key}") for label, key in row]
                                 for row in rows] + [nav])


def menu(step: int) -> InlineKeyboardMarkup:
    """The main menu's buttons."""
    return InlineKeyboardMarkup([
        [InlineKeyboardButton("Buat pengaduan", callback_data=f"{step}|complaint")],
        [InlineKeyboardButton("Cek status laporan", callback_data=f"{step}|status")],
        [InlineKeyboardButton("Isi survei", callback_data=f"{step}|survey"),
         InlineKeyboardButton("Bantuan", callback_data=f"{step}|help")],
        [InlineKeyboardButton("Bantuan", callback_data=f"{step}|nav.help")]])


STORY_KEYS = buttons(1)
PLACE_KEYS = ReplyKeyboardMarkup([[KeyboardButton("📍 Kirim lokasi saya", request_location=True)]],
                                 one_time_keyboard=True, resize_keyboard=True)
FILES_KEYS = buttons(4, (("Lanjut", "done"),))
ANON_KEYS = buttons(5, (("Ya, rahasiakan nama saya", "yes"),), (("Tidak", "no"),),
                    (("Rahasiakan isi laporan saja", "secret"),), (("Rahasiakan nama dan isi", "both"),))
PHONE_KEYS = buttons(6, (("Ya", "yes"),), (("Tidak", "no"),))
CONFIRM_KEYS = buttons(7, (("Kirim", "submit"),), (("Ubah", "edit"),), (("Batalkan", "cancel"),))


async def say(update: Update, text: str, markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None) -> None:
    """One reply to the message's chat."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, reply_markup=markup)


def words(update: Update) -> str:
    """The message's text, trimmed and lower-cased."""
    assert update.effective_message is not None
    return (update.effective_message.text or "").strip().lower()


async def start(update: Update, context: Context) -> int:
    """/start: a fresh report and the menu."""
    assert context.user_data is not None
    context.user_data.clear()
    await say(update, WELCOME, menu(0))
    return MENU


async def on_menu(update: Update, context: Context) -> int:
    """Only a complaint is scripted; anything else is asked again."""
    if words(update) in {"1", "buat pengaduan", "lapor"}:
        await say(update, ASK_STORY, STORY_KEYS)
        return STORY
    await say(update, NO_CHOICE, menu(0))
    return MENU


async def on_story(update: Update, context: Context) -> int:
    """The story, at least a sentence."""
    assert context.user_data is not None and update.effective_message is not None
    text = (update.effective_message.text or "").strip()
    if len(text) < 20 or len(text.split()) < 4:
        await say(update, SHORT_STORY, STORY_KEYS)
        return STORY
    context.user_data["story"] = text
    context.user_data["place_tries"] = 0
    await say(update, ASK_PLACE, PLACE_KEYS)
    return PLACE


async def on_place(update: Update, context: Context) -> int:
    """A place name (two parts, "street, district"), asked more plainly the second time."""
    assert context.user_data is not None and update.effective_message is not None
    text = (update.effective_message.text or "").strip()
    if "," not in text or len(text) < 6:
        context.user_data["place_tries"] += 1
        await say(update, VAGUE_PLACE if context.user_data["place_tries"] == 1 else NAME_PLACE, PLACE_KEYS)
        return PLACE
    context.user_data["place"] = text
    story = context.user_data["story"].lower()
    keyword, agency, category = next((a for a in AGENCIES if a[0] in story), AGENCIES[0])
    context.user_data["guess"] = (agency, category)
    await say(update, ASK_AGENCY.format(agency=agency),
              buttons(3, ((agency, f"52.03-{keyword}"),), (("Tidak tahu", "unknown"),)))
    return AGENCY


async def on_agency(update: Update, context: Context) -> int:
    """The guessed agency (1), none (2), or an agency typed by name."""
    assert context.user_data is not None
    answer = words(update)
    agency, category = context.user_data["guess"]
    if answer in {"2", "tidak tahu"}:
        agency, category = "Belum ditentukan", "Lainnya"
    elif answer != "1":
        agency, category = answer.title(), "Lainnya"
    context.user_data["agency"], context.user_data["category"] = agency, category
    await say(update, ASK_FILES, FILES_KEYS)
    return FILES


async def on_files(update: Update, context: Context) -> int:
    """No attachments in the script: any text goes on."""
    await say(update, ASK_ANON, ANON_KEYS)
    return ANON


async def on_anon(update: Update, context: Context) -> int:
    """Anonymous or not."""
    assert context.user_data is not None
    answer = words(update)
    if answer not in YES | NO | {"3", "4"}:
        await say(update, NO_CHOICE, ANON_KEYS)
        return ANON
    context.user_data["anon"] = answer in YES or answer == "4"
    await say(update, ASK_PHONE, PHONE_KEYS)
    return PHONE


async def on_phone(update: Update, context: Context) -> int:
    """Whether to keep the phone number; then the summary."""
    assert context.user_data is not None
    answer = words(update)
    if answer not in YES | NO:
        await say(update, YES_NO, PHONE_KEYS)
        return PHONE
    data = context.user_data
    data["contact"] = answer in YES
    data["confirm_tries"] = 0
    today = dt.date.today()
    await say(update, SUMMARY.format(
        title=data["story"][:80], story=data["story"], date=f"{today.day} {MONTHS[today.month - 1]} {today.year}",
        place=data["place"], agency=data["agency"], category=data["category"], anon="Ya" if data["anon"] else "Tidak",
        contact="disimpan" if data["contact"] else "tidak disimpan"), CONFIRM_KEYS)
    return CONFIRM


async def on_confirm(update: Update, context: Context) -> int:
    """Send (1, "kirim"), cancel (3), or ask again, the numbers spelled out after the first miss."""
    assert context.user_data is not None and context.bot_data is not None
    answer = words(update)
    if answer in {"1", "kirim"}:
        number = "LPR-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(7))
        report = {k: context.user_data.get(k) for k in ("story", "place", "agency", "category", "anon", "contact")}
        context.bot_data.setdefault("complaints", {})[number] = report
        context.user_data.clear()
        await say(update, THANKS.format(number=number))
        await say(update, AGAIN, menu(9))
        return MENU
    if answer in {"3", "batalkan"}:
        return await cancel(update, context)
    context.user_data["confirm_tries"] += 1
    await say(update, NO_CHOICE if context.user_data["confirm_tries"] == 1 else NUMBERS, CONFIRM_KEYS)
    return CONFIRM


async def cancel(update: Update, context: Context) -> int:
    """/batal: drop the report."""
    assert context.user_data is not None
    context.user_data.clear()
    await say(update, CANCELLED)
    return ConversationHandler.END


def build(pickle_file: str) -> Application:
    """The application: one persistent ConversationHandler, everything else PTB's defaults."""
    text = filters.TEXT & ~filters.COMMAND
    steps = {MENU: on_menu, STORY: on_story, PLACE: on_place, AGENCY: on_agency, FILES: on_files, ANON: on_anon,
             PHONE: on_phone, CONFIRM: on_confirm}
    conversation = ConversationHandler(
        entry_points=[CommandHandler("start", start)],
        states={state: [MessageHandler(text, handler)] for state, handler in steps.items()},
        fallbacks=[CommandHandler("batal", cancel), CommandHandler("start", start)],
        name="complaint", persistent=True, allow_reentry=True)
    app = (ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"))
           .base_file_url(os.environ.get("TELEGRAM_FILE_BASE_URL", "https://api.telegram.org/file/bot"))
           .persistence(PicklePersistence(pickle_file)).build())
    app.add_handler(conversation)
    return app


def main() -> None:
    """Serve the webhook until SIGTERM/SIGINT (PTB saves the pickle on the way out)."""
    url = os.environ["TELEGRAM_WEBHOOK_URL"]
    app = build(os.environ.get("PEER_PICKLE_FILE", "peer_ptb.pickle"))
    app.run_webhook(listen="127.0.0.1", port=int(os.environ["LAPORBOT_PORT"]), url_path=urlsplit(url).path.lstrip("/"),
                    webhook_url=url, secret_token=os.environ["TELEGRAM_WEBHOOK_SECRET"], drop_pending_updates=True)


if __name__ == "__main__":
    main()
