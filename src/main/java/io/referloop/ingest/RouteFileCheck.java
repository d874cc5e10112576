package io.referloop.ingest;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.bean.BeanInfo;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a changed file of {@code routes/} before the running routes are touched. Camel replaces a route by
 * stopping and removing it first, so a file it cannot load would leave the connector without that route: the
 * new text is parsed by the YAML DSL in a scratch Camel context (never started), and the beans and methods it
 * calls, its route ids and the routes the configuration needs are checked against the running context.
 */
class RouteFileCheck {

    private final CamelContext camel;
    private final List<RequiredRoute> required;

    RouteFileCheck(CamelContext camel, List<RequiredRoute> required) {
        this.camel = camel;
        this.required = required;
    }

    /**
     * What is wrong with {@code text} as the new content of {@code file} (null: the file was deleted);
     * an empty list means it may be applied.
     */
    List<String> problems(Path file, String text) {
        if (text != null && text.isBlank()) {
            // an editor that truncates before it writes shows an empty file for a moment; removing routes takes a delete
            return List.of("the file is empty; delete it to remove its routes");
        }
        Parsed parsed;
        try {
            parsed = text == null ? new Parsed(List.of(), 0) : parse(file, text);
        } catch (Exception e) {
            return List.of(RouteFiles.reason(e));
        }
        List<RouteDefinition> routes = parsed.routes();
        List<String> problems = new ArrayList<>();
        if (parsed.templates() > 0) {
            // their routes come into being only when Camel instantiates them, past every check below (ids, beans,
            // required routes), and a later edit of this file would not find them as its own
            problems.add("route templates and templated routes are not taken from routes/: write the route itself");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (RouteDefinition route : routes) {
            if (route.getRouteId() == null) {
                problems.add("a route from " + route.getInput().getEndpointUri()
                        + " has no id: routes here need one, so that a change replaces them");
            } else if (!ids.add(route.getRouteId())) {
                problems.add("route id " + route.getRouteId() + " is used twice");
            }
            problems.addAll(missingBeans(route));
        }
        Set<String> elsewhere = new HashSet<>();
        for (Route running : camel.getRoutes()) {
            if (!file.equals(RouteFiles.fileOf(running))) {
                elsewhere.add(running.getRouteId());
            }
        }
        ids.stream().filter(elsewhere::contains)
                .forEach(id -> problems.add("route id " + id + " is already used by another route"));
        for (RequiredRoute route : required) {
            if (route.required() && !ids.contains(route.id()) && !elsewhere.contains(route.id())) {
                problems.add("route " + route.id() + " would be missing (" + route.why() + "); keep it, with its id, in routes/"
                        + route.file());
            }
        }
        return problems;
    }

    /** The plain routes of a file, and how many route templates and templated routes it holds beside them. */
    private record Parsed(List<RouteDefinition> routes, int templates) {
    }

    private static Parsed parse(Path file, String text) throws Exception {
        try (DefaultCamelContext scratch = new DefaultCamelContext(false)) {
            scratch.getCamelContextExtension().setName("route-check");
            scratch.setStartupSummaryLevel(org.apache.camel.StartupSummaryLevel.Off);
            scratch.build();
            List<RouteDefinition> routes = new ArrayList<>();
            int templates = 0;
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(scratch)
                    .findRoutesBuilders(ResourceHelper.fromString("file:" + file, text))) {
                if (builder instanceof RouteBuilder routeBuilder) {
                    routes.addAll(routeBuilder.configureRoutes(scratch).getRoutes());
                    templates += routeBuilder.getRouteTemplateCollection().getRouteTemplates().size()
                            + routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes().size();
                }
            }
            return new Parsed(routes, templates);
        }
    }

    /** Camel resolves {@code bean} steps only when a route starts; checked here, the way Camel will look them up. */
    private List<String> missingBeans(RouteDefinition route) {
        List<String> problems = new ArrayList<>();
        for (BeanDefinition step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), BeanDefinition.class)) {
            String ref = step.getRef();
            if (ref == null || ref.contains("{{")) {
                continue;
            }
            Object bean = camel.getRegistry().lookupByName(ref);
            if (bean == null) {
                problems.add("route " + route.getRouteId() + " calls bean " + ref + ", which does not exist");
            } else if (step.getMethod() != null && !new BeanInfo(camel, bean.getClass()).hasMethod(step.getMethod())) {
                problems.add("route " + route.getRouteId() + " calls method " + step.getMethod() + " of bean " + ref
                        + ", which has no such method");
            }
        }
        return problems;
    }
}
