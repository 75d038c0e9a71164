<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
<context>
    <name>AppHeader</name>
    <message>
        <source>Driver</source>
        <translation>Pengemudi</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Penumpang</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Trip history</source>
        <translation>Riwayat perjalanan</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>The passenger is not at the pickup</source>
        <translation>Penumpang tidak ada di titik jemput</translation>
    </message>
    <message>
        <source>The pickup is too far</source>
        <translation>Titik jemput terlalu jauh</translation>
    </message>
    <message>
        <source>Problem with my vehicle</source>
        <translation>Kendaraan saya bermasalah</translation>
    </message>
    <message>
        <source>The driver is taking too long</source>
        <translation>Pengemudi terlalu lama</translation>
    </message>
    <message>
        <source>My plans changed</source>
        <translation>Rencana saya berubah</translation>
    </message>
    <message>
        <source>I booked by mistake</source>
        <translation>Saya salah memesan</translation>
    </message>
    <message>
        <source>Cancel this ride?</source>
        <translation>Batalkan perjalanan ini?</translation>
    </message>
    <message>
        <source>The passenger is told why and matched with another driver.</source>
        <translation>Penumpang diberi tahu alasannya dan dicarikan pengemudi lain.</translation>
    </message>
    <message>
        <source>Your driver is told why.</source>
        <translation>Pengemudi Anda diberi tahu alasannya.</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Alasan lain</translation>
    </message>
    <message>
        <source>Tell them why (optional)</source>
        <translation>Beri tahu alasannya (opsional)</translation>
    </message>
    <message>
        <source>Keep ride</source>
        <translation>Lanjutkan perjalanan</translation>
    </message>
    <message>
        <source>Cancel ride</source>
        <translation>Batalkan perjalanan</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>typing…</source>
        <translation>sedang mengetik…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>luring</translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation>Tutup chat</translation>
    </message>
    <message>
        <source>Say hello to %1. Messages stay between the two of you for this ride.</source>
        <translation>Sapa %1. Pesan hanya terlihat oleh kalian berdua selama perjalanan ini.</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 sedang mengetik…</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Tulis pesan</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Menghubungkan…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>Menyambung ulang dalam %1 dtk</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Menyambung ulang…</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Belum masuk</translation>
    </message>
</context>
<context>
    <name>DriverPanel</name>
    <message>
        <source>The server refused: %1</source>
        <translation>Server menolak: %1</translation>
    </message>
    <message>
        <source>You are online</source>
        <translation>Anda sedang aktif</translation>
    </message>
    <message>
        <source>You are offline</source>
        <translation>Anda sedang tidak aktif</translation>
    </message>
    <message>
        <source>A passenger is waiting for your answer.</source>
        <translation>Seorang penumpang menunggu jawaban Anda.</translation>
    </message>
    <message>
        <source>Waiting for ride requests near you.</source>
        <translation>Menunggu permintaan perjalanan di sekitar Anda.</translation>
    </message>
    <message>
        <source>Go online to receive ride requests.</source>
        <translation>Aktifkan untuk menerima permintaan perjalanan.</translation>
    </message>
    <message>
        <source>Available for rides</source>
        <translation>Siap menerima perjalanan</translation>
    </message>
    <message>
        <source>Pick up the passenger</source>
        <translation>Jemput penumpang</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Penumpang</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Jarak</translation>
    </message>
    <message>
        <source>Arriving in</source>
        <translation>Tiba dalam</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Start ride</source>
        <translation>Mulai perjalanan</translation>
    </message>
    <message>
        <source>On the way to the destination</source>
        <translation>Menuju tujuan</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Sisa jarak</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Sudah sampai</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Menunggu pembayaran</translation>
    </message>
    <message>
        <source>The passenger has been asked to pay.</source>
        <translation>Penumpang sudah diminta membayar.</translation>
    </message>
    <message>
        <source>Fare</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation>Perjalanan selesai</translation>
    </message>
    <message>
        <source>Payment received. Thank you!</source>
        <translation>Pembayaran diterima. Terima kasih!</translation>
    </message>
    <message>
        <source>You earned</source>
        <translation>Pendapatan Anda</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Simulated GPS: the car drives along the route on its own.</source>
        <translation>GPS simulasi: mobil melaju sendiri mengikuti rute.</translation>
    </message>
    <message>
        <source>From this device&apos;s positioning.</source>
        <translation>Dari penentuan posisi perangkat ini.</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posisi</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>Arrival queued</source>
        <translation>Kedatangan diantrekan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Passenger notified</source>
        <translation>Penumpang sudah diberi tahu</translation>
    </message>
    <message>
        <source>I&apos;m here</source>
        <translation>Saya sudah di sini</translation>
    </message>
    <message>
        <source>Collect %1 in cash from the passenger.</source>
        <translation>Tagih %1 secara tunai dari penumpang.</translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n position(s) kept, sent when you are back online.</source>
        <translation>
            <numerusform>Luring: %n posisi disimpan, dikirim saat Anda daring kembali.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>under a minute</source>
        <translation>kurang dari semenit</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n menit</numerusform>
        </translation>
    </message>
    <message>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n menit lalu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n jam lalu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>NebengJek — %1</source>
        <translation>NebengJek — %1</translation>
    </message>
    <message>
        <source>NebengJek</source>
        <translation>NebengJek</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>Pesan dari %1</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <source>Show the map</source>
        <translation>Tampilkan peta</translation>
    </message>
    <message>
        <source>Show the ride</source>
        <translation>Tampilkan perjalanan</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Sending…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>Not sent · tap to retry</source>
        <translation>Tidak terkirim · ketuk untuk coba lagi</translation>
    </message>
</context>
<context>
    <name>NebengJek::Client::AppSession</name>
    <message>
        <source>Enter a server address such as ws://127.0.0.1:8080/ws.</source>
        <translation>Masukkan alamat server, misalnya ws://127.0.0.1:8080/ws.</translation>
    </message>
    <message>
        <source>Enter the sign-in token you were given.</source>
        <translation>Masukkan token masuk yang Anda terima.</translation>
    </message>
    <message>
        <source>A user id is 1 to 128 letters, digits or . _ : @ -</source>
        <translation>ID pengguna terdiri dari 1 sampai 128 huruf, angka, atau . _ : @ -</translation>
    </message>
    <message>
        <source>Choose driver or passenger.</source>
        <translation>Pilih pengemudi atau penumpang.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1.</source>
        <translation>Tidak dapat menghubungi server di %1.</translation>
    </message>
    <message>
        <source>This server does not hand out developer tokens. Start it with --dev, or enter its developer secret.</source>
        <translation>Server ini tidak memberikan token pengembang. Jalankan server dengan --dev, atau masukkan rahasia pengembangnya.</translation>
    </message>
    <message>
        <source>Cannot reach the server yet. Still trying…</source>
        <translation>Server belum dapat dihubungi. Terus mencoba…</translation>
    </message>
    <message>
        <source>The server ended the session. Sign in again.</source>
        <translation>Server mengakhiri sesi. Silakan masuk lagi.</translation>
    </message>
    <message>
        <source>Could not remember the sign-in on this device.</source>
        <translation>Data masuk tidak dapat disimpan di perangkat ini.</translation>
    </message>
    <message>
        <source>No keychain is available: you will have to sign in again next time.</source>
        <translation>Keychain tidak tersedia: Anda perlu masuk lagi lain kali.</translation>
    </message>
    <message>
        <source>The server did not accept your sign-in: the token is invalid or has expired. Sign in again.</source>
        <translation>Server tidak menerima proses masuk Anda: token tidak valid atau sudah kedaluwarsa. Silakan masuk lagi.</translation>
    </message>
    <message>
        <source>This account may not use this server. Sign in with another account.</source>
        <translation>Akun ini tidak boleh memakai server ini. Masuk dengan akun lain.</translation>
    </message>
    <message>
        <source>You signed in on another device, so this one was signed out.</source>
        <translation>Anda masuk di perangkat lain, jadi perangkat ini dikeluarkan.</translation>
    </message>
    <message>
        <source>Signing in took too long. Try again.</source>
        <translation>Proses masuk terlalu lama. Coba lagi.</translation>
    </message>
</context>
<context>
    <name>NotificationBell</name>
    <message>
        <source>Notifications (%1 unread)</source>
        <translation>Notifikasi (%1 belum dibaca)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifikasi</translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message>
        <source>Notifications</source>
        <translation>Notifikasi</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n belum dibaca</numerusform>
        </translation>
    </message>
    <message>
        <source>All caught up</source>
        <translation>Semua sudah dibaca</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>Tandai semua dibaca</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>No notifications yet</source>
        <translation>Belum ada notifikasi</translation>
    </message>
</context>
<context>
    <name>NotificationTexts</name>
    <message>
        <source>Driver found</source>
        <translation>Pengemudi ditemukan</translation>
    </message>
    <message>
        <source>No driver available</source>
        <translation>Tidak ada pengemudi</translation>
    </message>
    <message>
        <source>New ride request</source>
        <translation>Permintaan perjalanan baru</translation>
    </message>
    <message>
        <source>Ride started</source>
        <translation>Perjalanan dimulai</translation>
    </message>
    <message>
        <source>Payment requested</source>
        <translation>Pembayaran diminta</translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation>Perjalanan selesai</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Pesan baru</translation>
    </message>
    <message>
        <source>Collect cash</source>
        <translation>Tagih tunai</translation>
    </message>
    <message>
        <source>Ride cancelled</source>
        <translation>Perjalanan dibatalkan</translation>
    </message>
    <message>
        <source>Driver cancelled</source>
        <translation>Pengemudi membatalkan</translation>
    </message>
    <message>
        <source>Your driver has arrived</source>
        <translation>Pengemudi Anda sudah tiba</translation>
    </message>
</context>
<context>
    <name>PartnerInfo</name>
    <message>
        <source>Vehicle</source>
        <translation>Kendaraan</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Penilaian</translation>
    </message>
</context>
<context>
    <name>PassengerPanel</name>
    <message>
        <source>The server refused: %1</source>
        <translation>Server menolak: %1</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>Mau ke mana?</translation>
    </message>
    <message>
        <source>Pick a place or enter coordinates.</source>
        <translation>Pilih tempat atau masukkan koordinat.</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Titik jemput</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>Enter a latitude between -90 and 90 and a longitude between -180 and 180.</source>
        <translation>Masukkan lintang antara -90 dan 90 serta bujur antara -180 dan 180.</translation>
    </message>
    <message>
        <source>Request ride</source>
        <translation>Pesan perjalanan</translation>
    </message>
    <message>
        <source>Driver found</source>
        <translation>Pengemudi ditemukan</translation>
    </message>
    <message>
        <source>Looking for a driver…</source>
        <translation>Mencari pengemudi…</translation>
    </message>
    <message>
        <source>Waiting for %1 to confirm.</source>
        <translation>Menunggu konfirmasi dari %1.</translation>
    </message>
    <message>
        <source>We are asking drivers near your pickup.</source>
        <translation>Kami sedang menghubungi pengemudi di dekat titik jemput Anda.</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Batalkan pesanan</translation>
    </message>
    <message>
        <source>On your way</source>
        <translation>Dalam perjalanan</translation>
    </message>
    <message>
        <source>Your driver is on the way</source>
        <translation>Pengemudi sedang menuju Anda</translation>
    </message>
    <message>
        <source>Heading to %1</source>
        <translation>Menuju %1</translation>
    </message>
    <message>
        <source>Meet your driver at %1</source>
        <translation>Temui pengemudi di %1</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Pengemudi</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Sisa jarak</translation>
    </message>
    <message>
        <source>Driver distance</source>
        <translation>Jarak pengemudi</translation>
    </message>
    <message>
        <source>waiting for location…</source>
        <translation>menunggu lokasi…</translation>
    </message>
    <message>
        <source>Arriving in</source>
        <translation>Tiba dalam</translation>
    </message>
    <message>
        <source>Driver arrives in</source>
        <translation>Pengemudi tiba dalam</translation>
    </message>
    <message>
        <source>Chat with driver</source>
        <translation>Chat pengemudi</translation>
    </message>
    <message>
        <source>You have arrived</source>
        <translation>Anda sudah sampai</translation>
    </message>
    <message>
        <source>Please pay your driver.</source>
        <translation>Silakan bayar pengemudi Anda.</translation>
    </message>
    <message>
        <source>Fare</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Jarak</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Metode pembayaran</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tunai</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Dompet digital</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <source>Paying…</source>
        <translation>Membayar…</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Bayar %1</translation>
    </message>
    <message>
        <source>Ride completed</source>
        <translation>Perjalanan selesai</translation>
    </message>
    <message>
        <source>Thanks for riding with NebengJek.</source>
        <translation>Terima kasih telah menggunakan NebengJek.</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Dibayar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Not sent yet: waiting for a connection.</source>
        <translation>Belum terkirim: menunggu koneksi.</translation>
    </message>
    <message>
        <source>Trip distance</source>
        <translation>Jarak perjalanan</translation>
    </message>
    <message>
        <source>Estimated fare</source>
        <translation>Perkiraan tarif</translation>
    </message>
    <message>
        <source>calculating…</source>
        <translation>menghitung…</translation>
    </message>
    <message>
        <source>needs a connection</source>
        <translation>perlu koneksi</translation>
    </message>
    <message>
        <source>Trip time</source>
        <translation>Waktu perjalanan</translation>
    </message>
    <message>
        <source>Your driver has arrived</source>
        <translation>Pengemudi Anda sudah tiba</translation>
    </message>
    <message>
        <source>Your driver is waiting at the pickup.</source>
        <translation>Pengemudi Anda menunggu di titik jemput.</translation>
    </message>
    <message>
        <source>Nearest driver</source>
        <translation>Pengemudi terdekat</translation>
    </message>
    <message>
        <source>none nearby</source>
        <translation>tidak ada</translation>
    </message>
</context>
<context>
    <name>PlaceSelector</name>
    <message>
        <source>Custom location…</source>
        <translation>Lokasi lain…</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Lintang</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Bujur</translation>
    </message>
</context>
<context>
    <name>ProposalCard</name>
    <message>
        <source>New ride request</source>
        <translation>Permintaan perjalanan baru</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Penumpang</translation>
    </message>
    <message>
        <source>To pickup</source>
        <translation>Ke titik jemput</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>Titik jemput</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>Menerima…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Terima</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Penilaian</translation>
    </message>
    <message>
        <source>Fare</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Trip length</source>
        <translation>Panjang perjalanan</translation>
    </message>
</context>
<context>
    <name>QualityIndicator</name>
    <message>
        <source>EXCELLENT</source>
        <translation>SANGAT BAIK</translation>
    </message>
    <message>
        <source>GOOD</source>
        <translation>BAIK</translation>
    </message>
    <message>
        <source>FAIR</source>
        <translation>CUKUP</translation>
    </message>
    <message>
        <source>POOR</source>
        <translation>BURUK</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>LURING</translation>
    </message>
    <message>
        <source>%1 · %2 ms</source>
        <translation>%1 · %2 ms</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <source>Thanks for your rating!</source>
        <translation>Terima kasih atas penilaian Anda!</translation>
    </message>
    <message>
        <source>How was the passenger?</source>
        <translation>Bagaimana penumpangnya?</translation>
    </message>
    <message>
        <source>How was your driver?</source>
        <translation>Bagaimana pengemudi Anda?</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n bintang</numerusform>
        </translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Kirim penilaian</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Komentar (opsional)</translation>
    </message>
</context>
<context>
    <name>RideMap</name>
    <message>
        <source>Pickup</source>
        <translation>Titik jemput</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Anda</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Pengemudi</translation>
    </message>
    <message>
        <source>Schematic map · simulated GPS</source>
        <translation>Peta skematis · GPS simulasi</translation>
    </message>
    <message>
        <source>Schematic map</source>
        <translation>Peta skematis</translation>
    </message>
</context>
<context>
    <name>RideTexts</name>
    <message>
        <source>No driver is available near the pickup right now. Try again in a moment.</source>
        <translation>Saat ini tidak ada pengemudi di dekat titik jemput. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>The request expired before it was answered.</source>
        <translation>Permintaan kedaluwarsa sebelum dijawab.</translation>
    </message>
    <message>
        <source>A driver did not answer in time. Still looking…</source>
        <translation>Pengemudi tidak menjawab tepat waktu. Masih mencari…</translation>
    </message>
    <message>
        <source>You declined the request.</source>
        <translation>Anda menolak permintaan ini.</translation>
    </message>
    <message>
        <source>A driver declined. Still looking…</source>
        <translation>Pengemudi menolak. Masih mencari…</translation>
    </message>
    <message>
        <source>The ride request was cancelled.</source>
        <translation>Permintaan perjalanan dibatalkan.</translation>
    </message>
    <message>
        <source>The passenger cancelled the ride.</source>
        <translation>Penumpang membatalkan perjalanan.</translation>
    </message>
    <message>
        <source>You are offline. Your ride request will be sent when you are back online.</source>
        <translation>Anda luring. Permintaan perjalanan akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. The cancellation will be sent when you are back online.</source>
        <translation>Anda luring. Pembatalan akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. Your answer will be sent when you are back online.</source>
        <translation>Anda luring. Jawaban Anda akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. The ride start will be sent when you are back online.</source>
        <translation>Anda luring. Mulainya perjalanan akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. Your arrival will be sent when you are back online.</source>
        <translation>Anda luring. Kedatangan Anda akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. The payment will be sent when you are back online.</source>
        <translation>Anda luring. Pembayaran akan dikirim saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. You will be available once the connection is back.</source>
        <translation>Anda luring. Anda akan siap menerima perjalanan begitu koneksi kembali.</translation>
    </message>
    <message>
        <source>You cancelled the ride. The passenger is matched with another driver.</source>
        <translation>Anda membatalkan perjalanan. Penumpang dicarikan pengemudi lain.</translation>
    </message>
    <message>
        <source>Your driver cancelled. We are finding you another driver.</source>
        <translation>Pengemudi Anda membatalkan. Kami sedang mencarikan pengemudi lain.</translation>
    </message>
    <message>
        <source>%1 Reason: %2</source>
        <translation>%1 Alasan: %2</translation>
    </message>
    <message>
        <source>New, not rated yet</source>
        <translation>Baru, belum dinilai</translation>
    </message>
    <message>
        <source>You are offline. The passenger will be told you arrived when you are back online.</source>
        <translation>Anda luring. Penumpang akan diberi tahu bahwa Anda sudah tiba saat Anda daring kembali.</translation>
    </message>
    <message>
        <source>You are offline. Your rating will be sent when you are back online.</source>
        <translation>Anda luring. Penilaian Anda akan dikirim saat Anda daring kembali.</translation>
    </message>
</context>
<context>
    <name>ServerTexts</name>
    <message>
        <source>%1 is on the way: %2, %3.</source>
        <translation>%1 sedang menuju Anda: %2, %3.</translation>
    </message>
    <message>
        <source>Your driver</source>
        <translation>Pengemudi Anda</translation>
    </message>
    <message>
        <source>a car</source>
        <translation>sebuah mobil</translation>
    </message>
    <message>
        <source>%1 is on the way.</source>
        <translation>%1 sedang menuju Anda.</translation>
    </message>
    <message>
        <source>No driver is available near the pickup right now. Try again in a moment.</source>
        <translation>Saat ini tidak ada pengemudi di dekat titik jemput. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>Your ride has started. Enjoy the trip!</source>
        <translation>Perjalanan Anda sudah dimulai. Selamat menikmati!</translation>
    </message>
    <message>
        <source>You have arrived. Please pay %1.</source>
        <translation>Anda sudah sampai. Silakan bayar %1.</translation>
    </message>
    <message>
        <source>Paid %1. Thanks for riding with NebengJek.</source>
        <translation>Dibayar %1. Terima kasih telah menggunakan NebengJek.</translation>
    </message>
    <message>
        <source>Collect %1 in cash from the passenger.</source>
        <translation>Tagih %1 secara tunai dari penumpang.</translation>
    </message>
    <message>
        <source>New message from %1.</source>
        <translation>Pesan baru dari %1.</translation>
    </message>
    <message>
        <source>your partner</source>
        <translation>rekan perjalanan Anda</translation>
    </message>
    <message>
        <source>The driver cancelled the ride: %1</source>
        <translation>Pengemudi membatalkan perjalanan: %1</translation>
    </message>
    <message>
        <source>The passenger cancelled the ride: %1</source>
        <translation>Penumpang membatalkan perjalanan: %1</translation>
    </message>
    <message>
        <source>The driver cancelled the ride.</source>
        <translation>Pengemudi membatalkan perjalanan.</translation>
    </message>
    <message>
        <source>The passenger cancelled the ride.</source>
        <translation>Penumpang membatalkan perjalanan.</translation>
    </message>
    <message>
        <source>Your driver cancelled (%1). We are finding you another driver.</source>
        <translation>Pengemudi Anda membatalkan (%1). Kami sedang mencarikan pengemudi lain.</translation>
    </message>
    <message>
        <source>Your driver cancelled. We are finding you another driver.</source>
        <translation>Pengemudi Anda membatalkan. Kami sedang mencarikan pengemudi lain.</translation>
    </message>
    <message>
        <source>%1 has arrived at the pickup (%2).</source>
        <translation>%1 sudah tiba di titik jemput (%2).</translation>
    </message>
    <message>
        <source>%1 has arrived at the pickup.</source>
        <translation>%1 sudah tiba di titik jemput.</translation>
    </message>
    <message>
        <source>You are %1 from the pickup. Start the ride within %2 of it.</source>
        <translation>Anda berjarak %1 dari titik jemput. Mulai perjalanan dalam radius %2 darinya.</translation>
    </message>
    <message>
        <source>You are %1 from the destination. End the ride within %2 of it.</source>
        <translation>Anda berjarak %1 dari tujuan. Akhiri perjalanan dalam radius %2 darinya.</translation>
    </message>
    <message>
        <source>Your position is not known yet. Wait for a location fix and try again.</source>
        <translation>Posisi Anda belum diketahui. Tunggu sampai lokasi terdeteksi lalu coba lagi.</translation>
    </message>
    <message>
        <source>This ride can no longer be cancelled.</source>
        <translation>Perjalanan ini tidak bisa dibatalkan lagi.</translation>
    </message>
    <message>
        <source>You have already rated this ride.</source>
        <translation>Anda sudah menilai perjalanan ini.</translation>
    </message>
    <message>
        <source>A ride can be rated once it is completed.</source>
        <translation>Perjalanan baru bisa dinilai setelah selesai.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Drivers and passengers use the same app. Your role comes with your account.</source>
        <translation>Pengemudi dan penumpang memakai aplikasi yang sama. Peran Anda ditentukan oleh akun Anda.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Developer sign-in</source>
        <translation>Masuk pengembang</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token akses</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ID pengguna</translation>
    </message>
    <message>
        <source>for example driver-1</source>
        <translation>misalnya driver-1</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Pengemudi</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Penumpang</translation>
    </message>
    <message>
        <source>Developer secret (optional)</source>
        <translation>Rahasia pengembang (opsional)</translation>
    </message>
    <message>
        <source>only if the server has no /dev/token endpoint</source>
        <translation>hanya jika server tidak punya endpoint /dev/token</translation>
    </message>
    <message>
        <source>paste the token from the NebengJek account service</source>
        <translation>tempel token dari layanan akun NebengJek</translation>
    </message>
    <message>
        <source>Remember me on this device</source>
        <translation>Ingat saya di perangkat ini</translation>
    </message>
    <message>
        <source>No system keychain is available, so your token cannot be stored securely. It can only be kept in a plain-text file that programs running as you can read.</source>
        <translation>Keychain sistem tidak tersedia, jadi token Anda tidak dapat disimpan dengan aman. Token hanya dapat disimpan dalam berkas teks biasa yang dapat dibaca program lain yang berjalan atas nama Anda.</translation>
    </message>
    <message>
        <source>Store it in plain text anyway</source>
        <translation>Tetap simpan sebagai teks biasa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>TripHistoryPage</name>
    <message>
        <source>Trip history</source>
        <translation>Riwayat perjalanan</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Ke</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Penumpang</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Pengemudi</translation>
    </message>
    <message>
        <source>Fare</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Your rating</source>
        <translation>Penilaian Anda</translation>
    </message>
    <message>
        <source>Trip history needs a connection.</source>
        <translation>Riwayat perjalanan memerlukan koneksi.</translation>
    </message>
    <message>
        <source>No trips yet.</source>
        <translation>Belum ada perjalanan.</translation>
    </message>
    <message>
        <source>Show older trips</source>
        <translation>Tampilkan perjalanan lama</translation>
    </message>
</context>
</TS>
