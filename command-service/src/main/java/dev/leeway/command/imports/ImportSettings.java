package dev.leeway.command.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one history import. The body limit is far above the API's (a file of cases, not one request) and is
 * enforced by {@code RequestBodyLimitFilter}, which reads the same property; the others are checked here.
 *
 * @param maxBodyBytes  the largest body accepted; larger is BODY_TOO_LARGE before anything is imported
 * @param maxLineBytes  the longest line (one case with all its steps); a longer line is rejected on its own
 * @param maxLines      the most lines in one import; more is refused as a whole, so split the file
 * @param progressEvery how often (in lines) the import logs its progress
 */
@ConfigurationProperties("leeway.imports")
record ImportSettings(@DefaultValue("67108864") long maxBodyBytes,
                      @DefaultValue("1048576") int maxLineBytes,
                      @DefaultValue("100000") int maxLines,
                      @DefaultValue("1000") int progressEvery) {
}
