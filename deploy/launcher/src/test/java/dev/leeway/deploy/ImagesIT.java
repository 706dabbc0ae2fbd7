package dev.leeway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leeway.infra.FreePorts;
import dev.leeway.infra.LocalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services' container images as {@code ./mvnw -Pimages} leaves them (docker-archive tarballs): run as the
 * non-root user 65532, the JVM sized by the container's memory, the service's port exposed; and unpacked, as a
 * container runtime would lay them out, the image's own Java runs and every entry of the service's class path is
 * there; and command-service, started from its image, joins a running platform and takes a command. Runs with
 * {@code -Pimages} (needs root: the base image is made with debootstrap, the checks use chroot and unshare).
 */
class ImagesIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path unpacked;
    @TempDir
    static Path home;
    private static Platform platform;

    /** The platform from the packaged jars: the database and broker the image's service joins. */
    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(new PlatformSettings(ROOT, home, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), Map.of()),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * command-service started from its image (its entrypoint, in the image's root, as user 65532) joins the
     * platform as a second instance: it becomes healthy, takes a command, and the case is read on the query API.
     */
    @Test
    void commandServiceStartedFromItsImageTakesCommands() throws Exception {
        Path rootfs = unpack("command-service");
        JsonNode config = imageConfig(unpacked.resolve("archive"));
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        Path key = Path.of(platform.environment().get("LEEWAY_LOCAL_JWT_PUBLIC_KEY"));
        Files.copy(key, rootfs.resolve("tmp/local-jwt.pem"));
        int port = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(inImage(rootfs, entrypoint))
                .redirectErrorStream(true).redirectOutput(unpacked.resolve("command-service.log").toFile());
        builder.environment().putAll(platform.environment());
        builder.environment().put("LEEWAY_COMMAND_PORT", Integer.toString(port));
        builder.environment().put("LEEWAY_LOCAL_JWT_PUBLIC_KEY", "/tmp/local-jwt.pem");
        builder.environment().put("LEEWAY_INSTANCE_ID", "command-service-image");
        Process service = builder.start();
        try {
            String url = "http://localhost:" + port;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(service.isAlive()).as("the service from the image is running; its log: "
                        + unpacked.resolve("command-service.log")).isTrue();
                assertThat(status(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness")).build()))
                        .isEqualTo(200);
            });
            String token = LocalTokens.in(home.resolve("keys")).mint("imogen", List.of("AGENT"), Duration.ofMinutes(5));
            HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/cases"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"customerId":"CUST-IMAGE","channel":"EMAIL","subject":"From the image"}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            String caseId = JSON.readTree(opened.body()).get("caseId").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> status(
                    HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/cases/" + caseId))
                            .header("Authorization", "Bearer " + token).build()) == 200);
        } finally {
            stop(service);
        }
    }

    /**
     * Kills the service and everything under it (kill -9: its graceful stop is not what is checked here). The JVM
     * would outlive unshare: chroot's change of user clears the parent-death signal, so each descendant is killed
     * by its own process id, as seen from here.
     */
    private static void stop(Process service) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(service.descendants().toList());
        tree.add(service.toHandle());
        for (ProcessHandle process : tree) {
            process.destroyForcibly();
        }
        for (ProcessHandle process : tree) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @ParameterizedTest
    @CsvSource({"command-service, 8081, CommandServiceApplication",
            "projection-service, 8083, ProjectionServiceApplication",
            "query-service, 8082, QueryServiceApplication"})
    void theImageRunsItsOwnJavaAsANonRootUserWithTheServicesClassPath(String service, int port, String main)
            throws Exception {
        Path rootfs = unpack(service);
        JsonNode config = imageConfig(unpacked.resolve("archive"));
        assertThat(config.get("User").asText()).isEqualTo("65532");
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        assertThat(entrypoint).contains("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.get(entrypoint.size() - 1)).endsWith("." + main);
        assertThat(config.get("ExposedPorts").has(port + "/tcp")).as("port " + port).isTrue();

        String version = run(inImage(rootfs, List.of(JAVA, "-version")));
        assertThat(version).contains("17.");
        Map<String, Boolean> classPath = new TreeMap<>();
        for (String entry : Files.readString(rootfs.resolve("app/jib-classpath-file")).trim().split(":")) {
            classPath.put(entry, Files.exists(rootfs.resolve(entry.substring(1).replace("*", ""))));
        }
        assertThat(classPath).as("class path entries present").isNotEmpty().doesNotContainValue(false);
        assertThat(rootfs.resolve("app/classes/dev/leeway")).isDirectory();
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("leeway:x:65532:65532:");
    }

    /** The service's image tarball unpacked: the archive under {@code archive}, its layers stacked under rootfs. */
    private Path unpack(String service) throws IOException, InterruptedException {
        Path image = ROOT.resolve(service).resolve("target").resolve(service + "-image.tar");
        assertThat(image).as("built by ./mvnw -Pimages package").exists();
        Path archive = Files.createDirectories(unpacked.resolve("archive"));
        run(List.of("tar", "-xf", image.toString(), "-C", archive.toString()));
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        // Layers in order, as a runtime stacks them (none of these images deletes a file, so no whiteouts).
        Path rootfs = Files.createDirectories(unpacked.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "-xf", archive.resolve(layer.asText()).toString(), "-C", rootfs.toString()));
        }
        return rootfs;
    }

    private static JsonNode imageConfig(Path archive) throws IOException {
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        return JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile()).get("config");
    }

    /**
     * {@code command} inside the unpacked image as a runtime starts it: its own root (chroot), as user 65532, with
     * a /proc of its own (a new mount and process namespace); the network is the host's.
     */
    private static List<String> inImage(Path rootfs, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc=" + rootfs.resolve("proc"), "chroot", "--userspec=65532:65532", rootfs.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
