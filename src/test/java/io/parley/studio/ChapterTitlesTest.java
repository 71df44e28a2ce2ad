package io.parley.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChapterTitlesTest {

    @Test
    void aTitleUsedBeforeIsNumbered() {
        ChapterTitles titles = new ChapterTitles();
        List<String> chapters = Stream.of("Opening", "Kate: music", "Dot (AI caller): following up on Kate",
                "Kate: music", "Dot (AI caller): following up on Kate", "Kate: music").map(titles::next).toList();
        assertEquals(List.of("Opening", "Kate: music", "Dot (AI caller): following up on Kate", "Kate: music (2)",
                "Dot (AI caller): following up on Kate (2)", "Kate: music (3)"), chapters);
    }
}
