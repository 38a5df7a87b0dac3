package io.cial.sessions.uploads;

import static io.cial.sessions.uploads.UploadsBed.OWNER;
import static io.cial.sessions.uploads.UploadsBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class UploadLimitsTest {

    private static final int MAX_FILE = 1000;
    private static final int QUOTA = 2500;

    private UploadsBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = UploadsBed.start(vertx, dir, MAX_FILE, QUOTA);
    }

    @Test
    void aFileOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        byte[] big = new byte[MAX_FILE + 1];
        for (boolean declared : new boolean[] {true, false}) {
            ApiException e = bed.failure(() -> bed.upload(OWNER, "big.bin", null, big, declared));
            assertCode(e, ErrorCode.TOO_LARGE);
            assertThat(e.getMessage()).contains("per file");
        }
        assertThat(bed.storedFiles()).isEmpty();
        assertThat(bed.upload(OWNER, "fits.bin", null, new byte[MAX_FILE], false)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theQuotaCountsEveryUploadOfTheOwnerOnly() {
        bed.upload(OWNER, "one.bin", null, new byte[900], true);
        bed.upload(OWNER, "two.bin", null, new byte[900], false);

        for (boolean declared : new boolean[] {true, false}) {
            ApiException e = bed.failure(() -> bed.upload(OWNER, "three.bin", null, new byte[900], declared));
            assertCode(e, ErrorCode.TOO_LARGE);
            assertThat(e.getMessage()).contains("quota");
        }
        assertThat(bed.storedFiles()).hasSize(2);
        assertThat(bed.upload(UploadsBed.ALICE, "hers.bin", null, new byte[900], true)
                        .status())
                .isEqualTo(201);
        assertThat(bed.upload(OWNER, "small.bin", null, new byte[700], true).status())
                .isEqualTo(201);
    }
}
