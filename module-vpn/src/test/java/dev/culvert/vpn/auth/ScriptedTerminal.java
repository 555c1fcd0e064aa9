package dev.culvert.vpn.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A terminal whose answers are given in advance; it records the prompts it was shown. */
final class ScriptedTerminal implements Terminal {
    private final Deque<String> answers = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();

    ScriptedTerminal(String... answers) {
        this.answers.addAll(List.of(answers));
    }

    @Override
    public String ask(String prompt) {
        prompts.add(prompt);
        return answers.poll();
    }

    @Override
    public byte[] askSecret(String prompt) {
        prompts.add(prompt);
        String answer = answers.poll();
        return answer == null ? null : answer.getBytes(StandardCharsets.UTF_8);
    }
}
