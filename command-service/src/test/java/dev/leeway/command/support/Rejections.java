package dev.leeway.command.support;

import dev.leeway.command.CommandRejectedException;
import dev.leeway.kernel.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a command refused with a given code, for Axon fixtures' {@code expectException}. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<CommandRejectedException> rejectedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command rejected with " + code);
            }
        };
    }
}
