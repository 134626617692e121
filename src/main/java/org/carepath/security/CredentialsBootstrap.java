package org.carepath.security;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first credentials: the {@code admin} user with every role, and a first API key. Taken from
 * CAREPATH_ADMIN_PASSWORD / CAREPATH_API_KEY when set; otherwise generated on the first start and printed
 * once on the console (never logged), since nothing else could tell them.
 */
@Component
class CredentialsBootstrap implements ApplicationRunner {

    static final String ADMIN_USER = "admin";

    private final IdentityService identity;
    private final ApiKeys keys;
    private final String adminPassword;
    private final String apiKey;
    private final PrintStream console = System.out;

    CredentialsBootstrap(IdentityService identity, ApiKeys keys,
                         @Value("${carepath.admin-password:}") String adminPassword,
                         @Value("${carepath.api-key:}") String apiKey) {
        this.identity = identity;
        this.keys = keys;
        this.adminPassword = adminPassword;
        this.apiKey = apiKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureRoleGroups();
        ensureAdmin();
        ensureApiKey();
    }

    private void ensureRoleGroups() {
        for (Role role : Role.values()) {
            createGroup(role.groupId(), "carepath " + role.name().toLowerCase());
        }
        createGroup("camunda-admin", "Camunda administrators");
    }

    private void createGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
    }

    private void ensureAdmin() {
        User admin = identity.createUserQuery().userId(ADMIN_USER).singleResult();
        if (admin == null) {
            admin = identity.newUser(ADMIN_USER);
            admin.setFirstName("carepath");
            admin.setLastName("administrator");
            String password = adminPassword.isBlank() ? generated() : adminPassword;
            admin.setPassword(password);
            identity.saveUser(admin);
            if (adminPassword.isBlank()) {
                announce("Admin user 'admin', password: " + password);
            }
        } else if (!adminPassword.isBlank() && !identity.checkPassword(ADMIN_USER, adminPassword)) {
            // CAREPATH_ADMIN_PASSWORD is the way back in when the password is lost
            admin.setPassword(adminPassword);
            identity.saveUser(admin);
        }
        for (Role role : Role.values()) {
            joinGroup(role.groupId());
        }
        joinGroup("camunda-admin");
    }

    private void joinGroup(String group) {
        if (identity.createUserQuery().userId(ADMIN_USER).memberOfGroup(group).count() == 0) {
            identity.createMembership(ADMIN_USER, group);
        }
    }

    private void ensureApiKey() {
        if (!apiKey.isBlank()) {
            keys.ensure(apiKey, "CAREPATH_API_KEY", EnumSet.allOf(Role.class));
        } else if (keys.activeCount() == 0) {
            announce("First API key (all roles): " + keys.create("first key", EnumSet.allOf(Role.class)).secret());
        }
    }

    private void announce(String line) {
        console.println();
        console.println("==== carepath: shown once, keep it safe ====");
        console.println(line);
        console.println("=============================================");
        console.println();
    }

    private static String generated() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
