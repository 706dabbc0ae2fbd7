package dev.leeway.projection.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one class logs while a test runs; the consumer thread writes while the test thread reads. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private CapturedLogs(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
    }

    public static CapturedLogs of(Class<?> source) {
        CapturedLogs logs = new CapturedLogs(source);
        logs.setContext(logs.logger.getLoggerContext());
        logs.start();
        logs.logger.addAppender(logs);
        return logs;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    public List<String> at(Level level) {
        return events.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    public long count(Level level, String containing) {
        return at(level).stream().filter(message -> message.contains(containing)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
