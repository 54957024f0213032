package org.cfcr.petitions.export;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Made-up names and email addresses for canary rows, in the styles the coalition's signers use:
 * Chinese names in characters or in pinyin, Hong Kong romanisations, and Western names. Only the
 * look matters; no list here names anyone in particular.
 */
final class CanaryNames {

    private CanaryNames() {
    }

    /** A name as it would be shown, and the ASCII spelling its email address is made from. */
    record Name(String shown, String given, String family) {
    }

    private record Part(String characters, String latin) {
    }

    private static final List<Part> FAMILY = parts("王 Wang,李 Li,张 Zhang,刘 Liu,陈 Chen,杨 Yang,黄 Huang,赵 Zhao,吴 Wu,"
            + "周 Zhou,徐 Xu,孙 Sun,马 Ma,朱 Zhu,胡 Hu,郭 Guo,何 He,林 Lin,罗 Luo,高 Gao,郑 Zheng,梁 Liang,谢 Xie,宋 Song,"
            + "唐 Tang,韩 Han,冯 Feng,邓 Deng,曹 Cao,彭 Peng,曾 Zeng,萧 Xiao,田 Tian,董 Dong,潘 Pan,袁 Yuan,蒋 Jiang,蔡 Cai,"
            + "余 Yu,杜 Du,叶 Ye,程 Cheng,魏 Wei,苏 Su,吕 Lyu,丁 Ding,任 Ren,沈 Shen,姚 Yao,卢 Lu");

    private static final List<Part> GIVEN = parts("伟 Wei,芳 Fang,娜 Na,秀英 Xiuying,敏 Min,静 Jing,丽 Li,强 Qiang,磊 Lei,"
            + "军 Jun,洋 Yang,勇 Yong,艳 Yan,杰 Jie,娟 Juan,涛 Tao,明 Ming,超 Chao,秀兰 Xiulan,霞 Xia,平 Ping,刚 Gang,"
            + "桂英 Guiying,建华 Jianhua,晓明 Xiaoming,海燕 Haiyan,志强 Zhiqiang,文 Wen,慧 Hui,宇 Yu,婷 Ting,浩 Hao,"
            + "欣怡 Xinyi,子轩 Zixuan,雨涵 Yuhan,俊杰 Junjie,嘉怡 Jiayi,思远 Siyuan,晨 Chen,颖 Ying,鹏 Peng,琳 Lin,"
            + "国庆 Guoqing,红梅 Hongmei,立新 Lixin,春燕 Chunyan,志明 Zhiming,佳琪 Jiaqi,梓涵 Zihan,一鸣 Yiming");

    private static final List<String> HONG_KONG_FAMILY = List.of("Chan", "Wong", "Cheung", "Lau", "Lee", "Ho", "Leung",
            "Tsang", "Chow", "Ng", "Yip", "Kwok", "Lam", "Tang", "Mak", "Fung", "Choi", "Yeung", "Lo", "Tse");

    private static final List<String> HONG_KONG_GIVEN = List.of("Ka Yan", "Wing Sze", "Chi Keung", "Siu Ming", "Ka Ho",
            "Mei Ling", "Tsz Ching", "Hoi Yan", "Wai Man", "Kin Wah", "Pui Shan", "Yuk Lan", "Chun Kit", "Man Yee",
            "Ho Yin", "Sze Wing", "Kwok Wai", "Lok Yi", "Cheuk Hei", "Hiu Tung");

    private static final List<String> WESTERN_GIVEN = List.of("Anna", "David", "Maria", "Thomas", "Sarah", "Michael",
            "Laura", "Daniel", "Emma", "James", "Sophie", "Peter", "Julia", "Martin", "Claire", "Paul", "Hannah", "Lucas",
            "Nina", "Robert", "Eva", "Jonas", "Alice", "Mark", "Helen", "Simon", "Ingrid", "Tom", "Clara", "Erik");

    private static final List<String> WESTERN_FAMILY = List.of("Smith", "Brown", "Wilson", "Taylor", "Schmidt", "Martin",
            "Dubois", "Rossi", "Jensen", "Novak", "Kowalski", "Meyer", "Walker", "Larsen", "Moreau", "Bauer", "Clarke",
            "Fischer", "Hughes", "Berg", "Lambert", "Evans", "Keller", "Moore", "Nielsen", "Weber", "Young", "Baker");

    private static List<Part> parts(String list) {
        return java.util.Arrays.stream(list.split(",")).map(pair -> {
            String[] halves = pair.split(" ");
            return new Part(halves[0], halves[1]);
        }).toList();
    }

    /** A name in the style that suits a signer of this language (zh: mostly written in characters). */
    static Name name(RandomGenerator random, boolean chinese) {
        int style = random.nextInt(100);
        if (chinese ? style < 70 : style < 15) {
            Part family = pick(random, FAMILY);
            Part given = pick(random, GIVEN);
            return new Name(family.characters() + given.characters(), given.latin(), family.latin());
        }
        if (chinese ? style < 90 : style < 45) {
            Part family = pick(random, FAMILY);
            Part given = pick(random, GIVEN);
            String shown = random.nextBoolean() ? family.latin() + " " + given.latin() : given.latin() + " " + family.latin();
            return new Name(shown, given.latin(), family.latin());
        }
        if (chinese || style < 65) {
            String family = pick(random, HONG_KONG_FAMILY);
            String given = pick(random, HONG_KONG_GIVEN);
            return new Name(family + " " + given, given.replace(" ", ""), family);
        }
        String given = pick(random, WESTERN_GIVEN);
        String family = pick(random, WESTERN_FAMILY);
        return new Name(given + " " + family, given, family);
    }

    /**
     * An address such as people make for themselves: names, initials, a year or a few digits.
     * There are about a billion of them per domain; a clash with an earlier canary is tried again.
     */
    static String email(RandomGenerator random, Name name, String domain) {
        String given = name.given().toLowerCase(Locale.ROOT);
        String family = name.family().toLowerCase(Locale.ROOT);
        String year = Integer.toString(1950 + random.nextInt(56));
        String digits = Integer.toString(10 + random.nextInt(9990));
        String local = switch (random.nextInt(7)) {
            case 0 -> given + "." + family + year.substring(2);
            case 1 -> family + given + year;
            case 2 -> given.charAt(0) + family + digits;
            case 3 -> given + "_" + family + digits;
            case 4 -> family + "." + given + digits;
            case 5 -> given + family.charAt(0) + year;
            default -> family + given.charAt(0) + digits;
        };
        return local + "@" + domain;
    }

    private static <T> T pick(RandomGenerator random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
