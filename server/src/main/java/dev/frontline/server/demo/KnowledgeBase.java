package dev.frontline.server.demo;

import java.util.List;

/** Knowledge-base articles an ISP / TV / hosting desk actually needs (English, plus the router reboot translated). */
final class KnowledgeBase {
    private KnowledgeBase() {
    }

    record Article(String title, String body, String tags, String language) {}

    static final List<Article> ARTICLES = List.of(
            new Article("Router reboot (internet down or slow)",
                    "1. Unplug the router's power for 30 seconds. 2. Plug it back in and wait 3 minutes until the "
                            + "Internet light is steady. 3. Test with a cable if Wi-Fi still fails. If the light stays "
                            + "red, check for an outage in the customer's area, then open a line 2 ticket.",
                    "internet,router,reboot,slow,down", "en"),
            new Article("Router light red / LOS blinking (fiber)",
                    "A red or blinking LOS light means no light on the fiber. Ask the customer to check that the "
                            + "green fiber cable is clicked in and not bent. Check outages for the area. If none: "
                            + "technical ticket to line 3 (field visit), tell the customer a technician calls within 24 h.",
                    "fiber,los,red light,router,no internet", "en"),
            new Article("Password reset for the self-care portal",
                    "Verify the caller (PIN). Offer the reset link by SMS to the mobile on file only - never to another "
                            + "number and never read a password aloud. The link is valid 30 minutes.",
                    "password,reset,login,portal,sms", "en"),
            new Article("Forgotten contract number",
                    "After identification by the calling number the IVR can text the contract number to the mobile on "
                            + "file. Operators: read only the last 3 digits aloud until the caller is verified.",
                    "contract,number,forgot,sms", "en"),
            new Article("Invoice higher than usual",
                    "Open the invoice lines: one-off fees (installation, equipment), pay-per-view, roaming, or the end "
                            + "of a promotional price. Explain each line. Disputes over 20 EUR go to billing (line 2, sales).",
                    "billing,invoice,high bill,charges", "en"),
            new Article("Payment not shown on the account",
                    "Bank transfers take 1-2 working days. Ask for the payment date and reference. If older than 3 "
                            + "working days, create a billing ticket with the bank reference; do not suspend the service.",
                    "billing,payment,transfer,suspended", "en"),
            new Article("TV: no signal on all channels",
                    "Check the set-top box is on and the TV is on the right HDMI input. Reboot the box (power off 10 s). "
                            + "If 'No signal' persists, check outages for the area, then line 2 ticket with the box serial.",
                    "tv,no signal,set-top box,hdmi", "en"),
            new Article("TV: some channels missing",
                    "Missing channels usually mean the package changed or the box needs a channel rescan: Menu > "
                            + "Settings > Channel search > Automatic. Compare with the customer's plan (TV Basic / TV Plus).",
                    "tv,channels,missing,rescan,package", "en"),
            new Article("TV remote not working",
                    "Replace the batteries; pair again by holding OK + Back for 5 s while pointing at the box. A broken "
                            + "remote is replaced free once a year: sales ticket for shipment.",
                    "tv,remote,batteries,pairing", "en"),
            new Article("Wi-Fi slow in some rooms",
                    "Place the router high and central, away from microwaves. Use the 5 GHz network close by and 2.4 GHz "
                            + "through walls. Suggest a mesh extender (sales) for flats over 80 m2.",
                    "wifi,slow,coverage,mesh,5ghz", "en"),
            new Article("Speed test below the plan",
                    "Test over a cable, with other devices off, at speedtest on the desk's own server. Up to 10 % below "
                            + "the plan is normal. Consistently lower: line 2 ticket with three results and times.",
                    "speed,slow,speedtest,fiber 300,fiber 1000", "en"),
            new Article("Upgrade or change plan",
                    "Plans: Fiber 100, Fiber 300, Fiber 1000, TV Basic, TV Plus, Hosting Start, Hosting Pro. Upgrades take "
                            + "effect immediately; downgrades from the next billing period. Transfer to sales.",
                    "plan,upgrade,downgrade,sales,fiber,tv,hosting", "en"),
            new Article("Moving to a new address",
                    "Check coverage at the new address first. Book the move at least 10 working days ahead; the old line "
                            + "stays active until the new one works. Sales handles the booking.",
                    "move,relocation,address,coverage", "en"),
            new Article("Hosting: website down (HTTP 500 / 503)",
                    "Check the hosting status page and the domain's DNS. 500 is usually the site's code or a full disk "
                            + "(Hosting Start has 10 GB). 503: the server is overloaded or under maintenance. Line 2 "
                            + "technical ticket with the domain and the time it started.",
                    "hosting,website,500,503,down", "en"),
            new Article("Hosting: e-mail not arriving",
                    "Check the mailbox quota, the domain's MX records and the spam folder. Messages over 25 MB are "
                            + "refused. Provide the sender address and time for a line 2 log search.",
                    "hosting,email,mx,spam,quota", "en"),
            new Article("Domain renewal",
                    "Domains renew automatically 30 days before expiry if the account is paid. Expired domains can be "
                            + "restored within 30 days for a fee. Sales handles transfers in and out.",
                    "domain,renewal,expiry,hosting", "en"),
            new Article("Service suspended for non-payment",
                    "After payment the service returns within 1 hour (automatic). A one-time 72 h grace can be granted "
                            + "by line 2 if the customer promises payment; note it in the ticket.",
                    "suspended,payment,debt,grace", "en"),
            new Article("Known outage: what to tell callers",
                    "Confirm the outage in their area, the cause if known and the expected end. Do not promise "
                            + "compensation; outages over 24 h are credited automatically on the next invoice.",
                    "outage,area,compensation,down", "en"),
            new Article("Customer verification rules",
                    "Caller ID identifies but does not verify. Verify with the PIN before discussing invoices, contract "
                            + "details or sending links. After 3 wrong PINs the account locks for 15 minutes.",
                    "verification,pin,security,locked", "en"),
            new Article("Callback requests and queue position",
                    "A caller who chooses a callback keeps their place in the queue. Callbacks are dialled operator "
                            + "first, then customer; three attempts, then a ticket is created.",
                    "callback,queue,wait", "en"),
            new Article("Maršrutizatoriaus perkrovimas",
                    "Ištraukite maršrutizatoriaus maitinimą 30 sekundžių, vėl įjunkite ir palaukite 3 minutes, kol "
                            + "Internet lemputė degs nuolat. Jei lemputė raudona, patikrinkite gedimus rajone.",
                    "internetas,maršrutizatorius,perkrovimas", "lt"),
            new Article("Перезагрузка роутера",
                    "Отключите питание роутера на 30 секунд, включите и подождите 3 минуты, пока индикатор Internet не "
                            + "загорится ровно. Если индикатор красный, проверьте аварии в районе.",
                    "интернет,роутер,перезагрузка", "ru"),
            new Article("Ponowne uruchomienie routera",
                    "Odłącz zasilanie routera na 30 sekund, podłącz ponownie i odczekaj 3 minuty, aż dioda Internet "
                            + "będzie świecić stale. Jeśli dioda jest czerwona, sprawdź awarie w okolicy.",
                    "internet,router,restart", "pl"),
            new Article("Ponovni zagon usmerjevalnika",
                    "Izklopite napajanje usmerjevalnika za 30 sekund, ga znova vklopite in počakajte 3 minute, da lučka "
                            + "Internet sveti neprekinjeno. Če je lučka rdeča, preverite izpade na območju.",
                    "internet,usmerjevalnik,ponovni zagon", "sl"));
}
