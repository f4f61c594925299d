package dev.frontline.server.demo;

import dev.frontline.core.common.Language;

import java.util.List;
import java.util.Random;

/** Native names, streets, areas and phone shapes of the five languages the desks serve. */
record Locales(Language language, List<String> femaleFirst, List<String> maleFirst, List<String[]> surnames,
               List<Area> areas, String mailDomain, List<String> mobileShapes) {

    /** A service area and its streets; the address format puts the number after the street. */
    record Area(String name, String city, String postcode, List<String> streets) {}

    /** {@code surnames} rows are {male form, female form}. */
    String name(Random r) {
        String[] s = surnames.get(r.nextInt(surnames.size()));
        boolean female = r.nextBoolean();
        String first = female ? femaleFirst.get(r.nextInt(femaleFirst.size())) : maleFirst.get(r.nextInt(maleFirst.size()));
        return first + " " + (female ? s[1] : s[0]);
    }

    /** A mobile as people write it locally: each '#' a random digit. */
    String mobile(Random r) {
        String shape = mobileShapes.get(r.nextInt(mobileShapes.size()));
        StringBuilder b = new StringBuilder();
        for (char c : shape.toCharArray()) {
            b.append(c == '#' ? (char) ('0' + r.nextInt(10)) : c);
        }
        return b.toString();
    }

    static final Area VILNIUS_NORTH = new Area("Vilnius-North", "Vilnius", "LT-08", List.of(
            "Žirmūnų g.", "Kalvarijų g.", "Ozo g.", "Verkių g.", "Šeškinės g.", "Fabijoniškių g."));
    static final Area VILNIUS_CENTRE = new Area("Vilnius-Centre", "Vilnius", "LT-01", List.of(
            "Gedimino pr.", "Pilies g.", "Vokiečių g.", "Totorių g.", "Jogailos g."));
    static final Area KAUNAS = new Area("Kaunas", "Kaunas", "LT-44", List.of(
            "Laisvės al.", "Savanorių pr.", "Vytauto pr.", "Kęstučio g.", "Pramonės pr."));
    static final Area RIGA = new Area("Riga", "Rīga", "LV-10", List.of(
            "Brīvības iela", "Tērbatas iela", "Maskavas iela", "Krasta iela"));
    static final Area WARSAW = new Area("Warsaw-Mokotow", "Warszawa", "02-5", List.of(
            "ul. Puławska", "ul. Woronicza", "ul. Racławicka", "ul. Odyńca", "ul. Madalińskiego"));
    static final Area LJUBLJANA = new Area("Ljubljana", "Ljubljana", "1000", List.of(
            "Slovenska cesta", "Trubarjeva cesta", "Celovška cesta", "Dunajska cesta", "Zaloška cesta"));

    static final List<Area> AREAS = List.of(VILNIUS_NORTH, VILNIUS_CENTRE, KAUNAS, RIGA, WARSAW, LJUBLJANA);

    static final Locales LT = new Locales(Language.LT,
            List.of("Ona", "Rasa", "Eglė", "Jurgita", "Aušra", "Indrė", "Greta", "Rūta", "Vaida", "Laura"),
            List.of("Jonas", "Tomas", "Mantas", "Darius", "Paulius", "Andrius", "Vytautas", "Rokas", "Lukas", "Mindaugas"),
            List.of(new String[]{"Kazlauskas", "Kazlauskienė"}, new String[]{"Petrauskas", "Petrauskienė"},
                    new String[]{"Jankauskas", "Jankauskienė"}, new String[]{"Stankevičius", "Stankevičienė"},
                    new String[]{"Vasiliauskas", "Vasiliauskienė"}, new String[]{"Žukauskas", "Žukauskienė"},
                    new String[]{"Butkus", "Butkienė"}, new String[]{"Paulauskas", "Paulauskienė"},
                    new String[]{"Urbonas", "Urbonienė"}, new String[]{"Navickas", "Navickienė"}),
            List.of(VILNIUS_NORTH, VILNIUS_CENTRE, KAUNAS), "inbox.lt",
            List.of("06## #####", "+370 6## #####", "8 6## #####"));

    static final Locales RU = new Locales(Language.RU,
            List.of("Ольга", "Наталья", "Елена", "Татьяна", "Ирина", "Светлана", "Анна", "Мария"),
            List.of("Иван", "Дмитрий", "Сергей", "Алексей", "Андрей", "Михаил", "Николай", "Павел"),
            List.of(new String[]{"Иванов", "Иванова"}, new String[]{"Смирнов", "Смирнова"},
                    new String[]{"Кузнецов", "Кузнецова"}, new String[]{"Попов", "Попова"},
                    new String[]{"Волков", "Волкова"}, new String[]{"Соколов", "Соколова"},
                    new String[]{"Лебедев", "Лебедева"}, new String[]{"Морозов", "Морозова"}),
            List.of(VILNIUS_NORTH, RIGA, RIGA), "mail.ru",
            List.of("+370 6## #####", "+371 2### ####", "+371 2#######"));

    static final Locales PL = new Locales(Language.PL,
            List.of("Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Anna", "Małgorzata", "Ewa", "Zofia"),
            List.of("Piotr", "Krzysztof", "Tomasz", "Paweł", "Marek", "Michał", "Łukasz", "Jakub"),
            List.of(new String[]{"Nowak", "Nowak"}, new String[]{"Kowalski", "Kowalska"},
                    new String[]{"Wiśniewski", "Wiśniewska"}, new String[]{"Wójcik", "Wójcik"},
                    new String[]{"Kamiński", "Kamińska"}, new String[]{"Lewandowski", "Lewandowska"},
                    new String[]{"Zieliński", "Zielińska"}, new String[]{"Szymański", "Szymańska"}),
            List.of(WARSAW), "wp.pl",
            List.of("+48 5## ### ###", "+48 6## ### ###", "+48 7## ### ###"));

    static final Locales SL = new Locales(Language.SL,
            List.of("Ana", "Maja", "Nina", "Eva", "Sara", "Petra", "Tjaša", "Špela"),
            List.of("Luka", "Matej", "Jure", "Andrej", "Marko", "Žiga", "Rok", "Gregor"),
            List.of(new String[]{"Novak", "Novak"}, new String[]{"Horvat", "Horvat"},
                    new String[]{"Kovačič", "Kovačič"}, new String[]{"Krajnc", "Krajnc"},
                    new String[]{"Zupančič", "Zupančič"}, new String[]{"Potočnik", "Potočnik"},
                    new String[]{"Kranjc", "Kranjc"}, new String[]{"Mlakar", "Mlakar"}),
            List.of(LJUBLJANA), "siol.net",
            List.of("+386 31 ### ###", "+386 41 ### ###", "+386 51 ### ###", "+386 40 ### ###"));

    static final Locales EN = new Locales(Language.EN,
            List.of("Emma", "Olivia", "Sophie", "Grace", "Charlotte", "Hannah", "Lucy", "Amelia"),
            List.of("James", "Oliver", "Daniel", "Thomas", "William", "Harry", "George", "Jack"),
            List.of(new String[]{"Smith", "Smith"}, new String[]{"Walsh", "Walsh"}, new String[]{"Brown", "Brown"},
                    new String[]{"Taylor", "Taylor"}, new String[]{"Murphy", "Murphy"}, new String[]{"Wilson", "Wilson"},
                    new String[]{"Evans", "Evans"}, new String[]{"Clarke", "Clarke"}),
            List.of(VILNIUS_CENTRE, WARSAW, LJUBLJANA), "gmail.com",
            List.of("+44 7### ######", "+370 6## #####", "+353 8# ### ####"));

    /** Roughly the desk's mix: mostly Lithuanian, then Russian, Polish, Slovenian and English speakers. */
    static final List<Locales> MIX = List.of(LT, LT, LT, LT, RU, RU, RU, PL, PL, SL, SL, EN);
}
