#!/usr/bin/env python3
# Fills translations/nebengjek_id.ts from the table below. After changing strings: build the
# update_translations target, run this (new strings are reported and left unfinished), add them
# to the table, run it again, then build update_translations once more (lupdate's formatting).
import sys
import xml.etree.ElementTree as ET

ID = {
    "Driver": "Pengemudi",
    "Passenger": "Penumpang",
    "Chat": "Chat",
    "Sign out": "Keluar",
    "typing…": "sedang mengetik…",
    "online": "daring",
    "offline": "luring",
    "Close chat": "Tutup chat",
    "Say hello to %1. Messages stay between the two of you for this ride.":
        "Sapa %1. Pesan hanya terlihat oleh kalian berdua selama perjalanan ini.",
    "%1 is typing…": "%1 sedang mengetik…",
    "Write a message": "Tulis pesan",
    "Send": "Kirim",
    "Offline": "Luring",
    "Connecting…": "Menghubungkan…",
    "Connected": "Terhubung",
    "Reconnecting in %1 s": "Menyambung ulang dalam %1 dtk",
    "Reconnecting…": "Menyambung ulang…",
    "Suspended": "Dijeda",
    "Signed out": "Belum masuk",
    "The server refused: %1": "Server menolak: %1",
    "You are online": "Anda sedang aktif",
    "You are offline": "Anda sedang tidak aktif",
    "A passenger is waiting for your answer.": "Seorang penumpang menunggu jawaban Anda.",
    "Waiting for ride requests near you.": "Menunggu permintaan perjalanan di sekitar Anda.",
    "Go online to receive ride requests.": "Aktifkan untuk menerima permintaan perjalanan.",
    "Available for rides": "Siap menerima perjalanan",
    "Pick up the passenger": "Jemput penumpang",
    "Distance": "Jarak",
    "Arriving in": "Tiba dalam",
    "Start ride": "Mulai perjalanan",
    "On the way to the destination": "Menuju tujuan",
    "Remaining": "Sisa jarak",
    "Arrived": "Sudah sampai",
    "Waiting for payment": "Menunggu pembayaran",
    "The passenger has been asked to pay.": "Penumpang sudah diminta membayar.",
    "Fare": "Tarif",
    "Ride completed": "Perjalanan selesai",
    "Payment received. Thank you!": "Pembayaran diterima. Terima kasih!",
    "You earned": "Pendapatan Anda",
    "Done": "Selesai",
    "Location": "Lokasi",
    "Simulated GPS: the car drives along the route on its own.":
        "GPS simulasi: mobil melaju sendiri mengikuti rute.",
    "From this device's positioning.": "Dari penentuan posisi perangkat ini.",
    "Position": "Posisi",
    "unknown": "tidak diketahui",
    "%1 m": "%1 m",
    "%1 km": "%1 km",
    "under a minute": "kurang dari semenit",
    "%n min": "%n menit",
    "just now": "baru saja",
    "%n min ago": "%n menit lalu",
    "%n h ago": "%n jam lalu",
    "NebengJek — %1": "NebengJek — %1",
    "NebengJek": "NebengJek",
    "Message from %1": "Pesan dari %1",
    "Sending…": "Mengirim…",
    "Not sent · tap to retry": "Tidak terkirim · ketuk untuk coba lagi",
    "Hi! I'm at the main gate, next to the taxi stand.":
        "Halo! Saya di gerbang utama, dekat pangkalan taksi.",
    "Enter a server address such as ws://127.0.0.1:8080/ws.":
        "Masukkan alamat server, misalnya ws://127.0.0.1:8080/ws.",
    "Enter the sign-in token you were given.": "Masukkan token masuk yang Anda terima.",
    "A user id is 1 to 128 letters, digits or . _ : @ -":
        "ID pengguna terdiri dari 1 sampai 128 huruf, angka, atau . _ : @ -",
    "Choose driver or passenger.": "Pilih pengemudi atau penumpang.",
    "Cannot reach the server at %1.": "Tidak dapat menghubungi server di %1.",
    "This server does not hand out developer tokens. Start it with --dev, or enter its developer secret.":
        "Server ini tidak memberikan token pengembang. Jalankan server dengan --dev, atau masukkan rahasia pengembangnya.",
    "Cannot reach the server yet. Still trying…": "Server belum dapat dihubungi. Terus mencoba…",
    "The server ended the session. Sign in again.": "Server mengakhiri sesi. Silakan masuk lagi.",
    "The server ended the session (%1). Sign in again.": "Server mengakhiri sesi (%1). Silakan masuk lagi.",
    "Could not remember the sign-in on this device.": "Data masuk tidak dapat disimpan di perangkat ini.",
    "No keychain is available: you will have to sign in again next time.":
        "Keychain tidak tersedia: Anda perlu masuk lagi lain kali.",
    "Notifications (%1 unread)": "Notifikasi (%1 belum dibaca)",
    "Notifications": "Notifikasi",
    "%n unread": "%n belum dibaca",
    "All caught up": "Semua sudah dibaca",
    "Mark all read": "Tandai semua dibaca",
    "Close": "Tutup",
    "No notifications yet": "Belum ada notifikasi",
    "Driver found": "Pengemudi ditemukan",
    "No driver available": "Tidak ada pengemudi",
    "New ride request": "Permintaan perjalanan baru",
    "Ride started": "Perjalanan dimulai",
    "Payment requested": "Pembayaran diminta",
    "New message": "Pesan baru",
    "Where to?": "Mau ke mana?",
    "Pick a place or enter coordinates.": "Pilih tempat atau masukkan koordinat.",
    "Pickup": "Titik jemput",
    "Destination": "Tujuan",
    "Straight-line distance": "Jarak garis lurus",
    "Enter a latitude between -90 and 90 and a longitude between -180 and 180.":
        "Masukkan lintang antara -90 dan 90 serta bujur antara -180 dan 180.",
    "Request ride": "Pesan perjalanan",
    "Looking for a driver…": "Mencari pengemudi…",
    "Waiting for %1 to confirm.": "Menunggu konfirmasi dari %1.",
    "We are asking drivers near your pickup.": "Kami sedang menghubungi pengemudi di dekat titik jemput Anda.",
    "Cancel request": "Batalkan pesanan",
    "On your way": "Dalam perjalanan",
    "Your driver is on the way": "Pengemudi sedang menuju Anda",
    "Heading to %1": "Menuju %1",
    "Meet your driver at %1": "Temui pengemudi di %1",
    "Driver distance": "Jarak pengemudi",
    "waiting for location…": "menunggu lokasi…",
    "Driver arrives in": "Pengemudi tiba dalam",
    "Chat with driver": "Chat pengemudi",
    "You have arrived": "Anda sudah sampai",
    "Please pay your driver.": "Silakan bayar pengemudi Anda.",
    "Payment method": "Metode pembayaran",
    "Cash": "Tunai",
    "Wallet": "Dompet digital",
    "Card": "Kartu",
    "Paying…": "Membayar…",
    "Pay %1": "Bayar %1",
    "Thanks for riding with NebengJek.": "Terima kasih telah menggunakan NebengJek.",
    "Paid": "Dibayar",
    "Cancel": "Batal",
    "Custom location…": "Lokasi lain…",
    "Latitude": "Lintang",
    "Longitude": "Bujur",
    "To pickup": "Ke titik jemput",
    "Reject": "Tolak",
    "Accepting…": "Menerima…",
    "Accept": "Terima",
    "EXCELLENT": "SANGAT BAIK",
    "GOOD": "BAIK",
    "FAIR": "CUKUP",
    "POOR": "BURUK",
    "OFFLINE": "LURING",
    "%1 · %2 ms": "%1 · %2 ms",
    "You": "Anda",
    "Schematic map · simulated GPS": "Peta skematis · GPS simulasi",
    "Schematic map": "Peta skematis",
    "No driver is available near the pickup right now. Try again in a moment.":
        "Saat ini tidak ada pengemudi di dekat titik jemput. Coba lagi sebentar lagi.",
    "The request expired before it was answered.": "Permintaan kedaluwarsa sebelum dijawab.",
    "A driver did not answer in time. Still looking…": "Pengemudi tidak menjawab tepat waktu. Masih mencari…",
    "You declined the request.": "Anda menolak permintaan ini.",
    "A driver declined. Still looking…": "Pengemudi menolak. Masih mencari…",
    "The ride request was cancelled.": "Permintaan perjalanan dibatalkan.",
    "The passenger cancelled the ride.": "Penumpang membatalkan perjalanan.",
    "Sign in": "Masuk",
    "Drivers and passengers use the same app. Your role comes with your account.":
        "Pengemudi dan penumpang memakai aplikasi yang sama. Peran Anda ditentukan oleh akun Anda.",
    "Server": "Server",
    "Developer sign-in": "Masuk pengembang",
    "Access token": "Token akses",
    "User id": "ID pengguna",
    "for example driver-1": "misalnya driver-1",
    "Role": "Peran",
    "Developer secret (optional)": "Rahasia pengembang (opsional)",
    "only if the server has no /dev/token endpoint": "hanya jika server tidak punya endpoint /dev/token",
    "paste the token from the NebengJek account service": "tempel token dari layanan akun NebengJek",
    "Remember me on this device": "Ingat saya di perangkat ini",
    "No system keychain is available, so your token cannot be stored securely. It can only be kept in a plain-text file that programs running as you can read.":
        "Keychain sistem tidak tersedia, jadi token Anda tidak dapat disimpan dengan aman. Token hanya dapat disimpan dalam berkas teks biasa yang dapat dibaca program lain yang berjalan atas nama Anda.",
    "Store it in plain text anyway": "Tetap simpan sebagai teks biasa",
    "Dismiss": "Tutup",
    "Menu": "Menu",
    "%1 ms": "%1 ms",
    "Show the map": "Tampilkan peta",
    "Show the ride": "Tampilkan perjalanan",
    "Arrival queued": "Kedatangan diantrekan",
    "Not sent yet: waiting for a connection.": "Belum terkirim: menunggu koneksi.",
    "You are offline. Your ride request will be sent when you are back online.":
        "Anda luring. Permintaan perjalanan akan dikirim saat Anda daring kembali.",
    "You are offline. The cancellation will be sent when you are back online.":
        "Anda luring. Pembatalan akan dikirim saat Anda daring kembali.",
    "You are offline. Your answer will be sent when you are back online.":
        "Anda luring. Jawaban Anda akan dikirim saat Anda daring kembali.",
    "You are offline. The ride start will be sent when you are back online.":
        "Anda luring. Mulainya perjalanan akan dikirim saat Anda daring kembali.",
    "You are offline. Your arrival will be sent when you are back online.":
        "Anda luring. Kedatangan Anda akan dikirim saat Anda daring kembali.",
    "You are offline. The payment will be sent when you are back online.":
        "Anda luring. Pembayaran akan dikirim saat Anda daring kembali.",
    "You are offline. You will be available once the connection is back.":
        "Anda luring. Anda akan siap menerima perjalanan begitu koneksi kembali.",
    "The server did not accept your sign-in: the token is invalid or has expired. Sign in again.":
        "Server tidak menerima proses masuk Anda: token tidak valid atau sudah kedaluwarsa. Silakan masuk lagi.",
    "This account may not use this server. Sign in with another account.":
        "Akun ini tidak boleh memakai server ini. Masuk dengan akun lain.",
    "You signed in on another device, so this one was signed out.":
        "Anda masuk di perangkat lain, jadi perangkat ini dikeluarkan.",
    "Signing in took too long. Try again.": "Proses masuk terlalu lama. Coba lagi.",
    # Issue #13: the rider features and the server texts.
    "Trip history": "Riwayat perjalanan",
    "The passenger is not at the pickup": "Penumpang tidak ada di titik jemput",
    "The pickup is too far": "Titik jemput terlalu jauh",
    "Problem with my vehicle": "Kendaraan saya bermasalah",
    "The driver is taking too long": "Pengemudi terlalu lama",
    "My plans changed": "Rencana saya berubah",
    "I booked by mistake": "Saya salah memesan",
    "Cancel this ride?": "Batalkan perjalanan ini?",
    "The passenger is told why and matched with another driver.": "Penumpang diberi tahu alasannya dan dicarikan pengemudi lain.",
    "Your driver is told why.": "Pengemudi Anda diberi tahu alasannya.",
    "Other reason": "Alasan lain",
    "Tell them why (optional)": "Beri tahu alasannya (opsional)",
    "Keep ride": "Lanjutkan perjalanan",
    "Cancel ride": "Batalkan perjalanan",
    "Passenger notified": "Penumpang sudah diberi tahu",
    "I'm here": "Saya sudah di sini",
    "Collect %1 in cash from the passenger.": "Tagih %1 secara tunai dari penumpang.",
    "Offline: %n position(s) kept, sent when you are back online.": "Luring: %n posisi disimpan, dikirim saat Anda daring kembali.",
    "Collect cash": "Tagih tunai",
    "Ride cancelled": "Perjalanan dibatalkan",
    "Driver cancelled": "Pengemudi membatalkan",
    "Your driver has arrived": "Pengemudi Anda sudah tiba",
    "Vehicle": "Kendaraan",
    "Rating": "Penilaian",
    "Trip distance": "Jarak perjalanan",
    "Estimated fare": "Perkiraan tarif",
    "calculating…": "menghitung…",
    "needs a connection": "perlu koneksi",
    "Trip time": "Waktu perjalanan",
    "Nearest driver": "Pengemudi terdekat",
    "none nearby": "tidak ada",
    "Your driver is waiting at the pickup.": "Pengemudi Anda menunggu di titik jemput.",
    "Trip length": "Panjang perjalanan",
    "Thanks for your rating!": "Terima kasih atas penilaian Anda!",
    "How was the passenger?": "Bagaimana penumpangnya?",
    "How was your driver?": "Bagaimana pengemudi Anda?",
    "%n star(s)": "%n bintang",
    "Comment (optional)": "Komentar (opsional)",
    "Send rating": "Kirim penilaian",
    "You cancelled the ride. The passenger is matched with another driver.": "Anda membatalkan perjalanan. Penumpang dicarikan pengemudi lain.",
    "Your driver cancelled. We are finding you another driver.": "Pengemudi Anda membatalkan. Kami sedang mencarikan pengemudi lain.",
    "%1 Reason: %2": "%1 Alasan: %2",
    "New, not rated yet": "Baru, belum dinilai",
    "You are offline. The passenger will be told you arrived when you are back online.": "Anda luring. Penumpang akan diberi tahu bahwa Anda sudah tiba saat Anda daring kembali.",
    "You are offline. Your rating will be sent when you are back online.": "Anda luring. Penilaian Anda akan dikirim saat Anda daring kembali.",
    "%1 is on the way: %2, %3.": "%1 sedang menuju Anda: %2, %3.",
    "Your driver": "Pengemudi Anda",
    "a car": "sebuah mobil",
    "%1 is on the way.": "%1 sedang menuju Anda.",
    "Your ride has started. Enjoy the trip!": "Perjalanan Anda sudah dimulai. Selamat menikmati!",
    "You have arrived. Please pay %1.": "Anda sudah sampai. Silakan bayar %1.",
    "Paid %1. Thanks for riding with NebengJek.": "Dibayar %1. Terima kasih telah menggunakan NebengJek.",
    "New message from %1.": "Pesan baru dari %1.",
    "your partner": "rekan perjalanan Anda",
    "The driver cancelled the ride: %1": "Pengemudi membatalkan perjalanan: %1",
    "The passenger cancelled the ride: %1": "Penumpang membatalkan perjalanan: %1",
    "The driver cancelled the ride.": "Pengemudi membatalkan perjalanan.",
    "Your driver cancelled (%1). We are finding you another driver.": "Pengemudi Anda membatalkan (%1). Kami sedang mencarikan pengemudi lain.",
    "%1 has arrived at the pickup (%2).": "%1 sudah tiba di titik jemput (%2).",
    "%1 has arrived at the pickup.": "%1 sudah tiba di titik jemput.",
    "You are %1 from the pickup. Start the ride within %2 of it.": "Anda berjarak %1 dari titik jemput. Mulai perjalanan dalam radius %2 darinya.",
    "You are %1 from the destination. End the ride within %2 of it.": "Anda berjarak %1 dari tujuan. Akhiri perjalanan dalam radius %2 darinya.",
    "Your position is not known yet. Wait for a location fix and try again.": "Posisi Anda belum diketahui. Tunggu sampai lokasi terdeteksi lalu coba lagi.",
    "This ride can no longer be cancelled.": "Perjalanan ini tidak bisa dibatalkan lagi.",
    "You have already rated this ride.": "Anda sudah menilai perjalanan ini.",
    "A ride can be rated once it is completed.": "Perjalanan baru bisa dinilai setelah selesai.",
    "From": "Dari",
    "To": "Ke",
    "Cancelled": "Dibatalkan",
    "Your rating": "Penilaian Anda",
    "Trip history needs a connection.": "Riwayat perjalanan memerlukan koneksi.",
    "No trips yet.": "Belum ada perjalanan.",
    "Show older trips": "Tampilkan perjalanan lama",
}

path = sys.argv[1] if len(sys.argv) > 1 else "translations/nebengjek_id.ts"
tree = ET.parse(path)
missing = []
for message in tree.getroot().iter("message"):
    source = message.find("source").text
    translation = message.find("translation")
    text = ID.get(source)
    if text is None:
        missing.append(source)
        continue
    translation.attrib.pop("type", None)
    forms = translation.findall("numerusform")
    if message.get("numerus") == "yes":
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        form = ET.SubElement(translation, "numerusform")
        form.text = text  # Indonesian has one plural form
    else:
        translation.text = text
tree.write(path, encoding="utf-8", xml_declaration=True)
with open(path, "r+", encoding="utf-8") as f:
    content = f.read().replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    f.seek(0)
    f.write(content)
    f.truncate()
if missing:
    print("untranslated:", *missing, sep="\n  ")
    sys.exit(1)
print("all", sum(1 for _ in tree.getroot().iter("message")), "messages translated")
